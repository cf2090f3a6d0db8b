package dev.outreach.channel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvitationNoteTests {

    @Test
    void aNoteThatFitsIsKeptAsItIs() {
        InvitationNote note = InvitationNote.of("  Hi Jane, glad to connect.  ");

        assertThat(note.text()).isEqualTo("Hi Jane, glad to connect.");
        assertThat(note.shortened()).isFalse();
        assertThat(note.describe()).isEmpty();
    }

    @Test
    void exactly300CharactersFit() {
        String text = "a".repeat(300);

        assertThat(InvitationNote.of(text).text()).isEqualTo(text);
    }

    @Test
    void aLongNoteIsCutAtTheLastWordThatFitsAndSaysSo() {
        String text = "word ".repeat(100).strip();

        InvitationNote note = InvitationNote.of(text);

        assertThat(note.text()).hasSizeLessThanOrEqualTo(300).endsWith("word…").doesNotContain("wor…");
        assertThat(note.describe()).contains("from 499 to " + note.text().length());
    }

    @Test
    void oneEnormousWordIsCutInsideRatherThanDropped() {
        InvitationNote note = InvitationNote.of("See https://example.com/" + "x".repeat(400));

        assertThat(note.text()).hasSize(300).startsWith("See https://example.com/xxx");
    }

    @Test
    void aCutNeverSplitsACharacterOutsideTheBasicPlane() {
        String text = "a".repeat(298) + "😀".repeat(10);

        String note = InvitationNote.of(text).text();

        assertThat(note).hasSizeLessThanOrEqualTo(300);
        assertThat(Character.isHighSurrogate(note.charAt(note.length() - 2))).isFalse();
    }
}
