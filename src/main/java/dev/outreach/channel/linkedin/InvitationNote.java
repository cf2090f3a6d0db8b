package dev.outreach.channel.linkedin;

/**
 * The note of a connection request. LinkedIn takes at most 300 characters, so a longer message
 * is cut at the last word boundary that fits and ends with an ellipsis.
 *
 * @param originalLength the length of the message before shortening
 */
record InvitationNote(String text, int originalLength) {

    static final int MAX_LENGTH = 300;
    private static final String ELLIPSIS = "…";

    static InvitationNote of(String message) {
        String text = message == null ? "" : message.strip();
        if (text.length() <= MAX_LENGTH) {
            return new InvitationNote(text, text.length());
        }
        int room = MAX_LENGTH - ELLIPSIS.length();
        int cut = room;
        while (cut > 0 && !Character.isWhitespace(text.charAt(cut))) {
            cut--;
        }
        if (cut < room / 2) {
            // one enormous "word" (a URL): cut inside it rather than lose most of the note
            cut = Character.isLowSurrogate(text.charAt(room)) ? room - 1 : room;
        }
        return new InvitationNote(text.substring(0, cut).stripTrailing() + ELLIPSIS, text.length());
    }

    boolean shortened() {
        return originalLength > text.length();
    }

    /** For the outreach history: empty unless the note was shortened. */
    String describe() {
        return shortened() ? " (note shortened from " + originalLength + " to " + text.length()
                + " characters at a word boundary, LinkedIn's limit is " + MAX_LENGTH + ")" : "";
    }
}
