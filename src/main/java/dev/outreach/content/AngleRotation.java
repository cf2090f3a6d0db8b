package dev.outreach.content;

import java.util.Optional;

/**
 * Picks a cycle's angle: cycle 0 is the introduction; cycle N (1..4) takes the N-th angle of
 * the rotation (1 industry trends, 2 competitor insight, 3 seasonal opportunity, 4 case study)
 * unless the lead has already seen it, then the next unseen one. A cycle keeps the angle its
 * first touch chose. No angle is ever repeated: when all four are used, there is none.
 */
public final class AngleRotation {

    private AngleRotation() {
    }

    public static Optional<Angle> angleFor(int cycle, AnglesUsed used) {
        if (cycle <= 0) {
            return Optional.of(Angle.INTRODUCTION);
        }
        Optional<Angle> chosen = used.inCycle(cycle);
        if (chosen.isPresent()) {
            return chosen;
        }
        int size = Angle.ROTATION.size();
        int start = Math.min(cycle, size) - 1;
        for (int i = 0; i < size; i++) {
            Angle candidate = Angle.ROTATION.get((start + i) % size);
            if (!used.seen(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
