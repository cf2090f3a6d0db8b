package dev.outreach.campaign;

import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.util.List;

/** Start refused: every problem named (answered as a 400 with each one). Nothing changed. */
public class CampaignNotStartableException extends InvalidInputException {

    private final List<CampaignProblem> problems;

    public CampaignNotStartableException(List<CampaignProblem> problems) {
        super(problems.stream().map(p -> new FieldError(p.field(), p.message())).toList());
        this.problems = List.copyOf(problems);
    }

    public List<CampaignProblem> problems() {
        return problems;
    }
}
