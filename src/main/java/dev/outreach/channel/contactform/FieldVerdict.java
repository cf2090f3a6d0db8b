package dev.outreach.channel.contactform;

/**
 * What the channel does with one control of the chosen form, and why, for an operator to check.
 *
 * @param name the name the control is submitted under
 * @param label the text a person sees for it (label, placeholder, aria-label), or its name
 * @param role what we take it for: {@code name}, {@code first name}, {@code last name},
 *     {@code email}, {@code phone}, {@code company}, {@code subject}, {@code message},
 *     {@code hidden} (kept as the page sent it), {@code honeypot} (a decoy, never filled),
 *     {@code choice} (a required select or radio group given a neutral option),
 *     {@code consent} (a privacy-policy box ticked), {@code left empty} (nothing of ours
 *     fits, or a marketing/SMS box left unticked), {@code submit} (the button a browser sends)
 *     or {@code added by script} (an entry the builder's script adds when it submits)
 * @param value the value that goes out, or null when the control is not submitted at all
 *     (an unticked box, a button that is not the default one)
 * @param rule the rule that decided, in words
 */
public record FieldVerdict(String name, String label, String role, String value, String rule) {

    /** Whether the control is part of the submission. */
    public boolean sent() {
        return value != null;
    }
}
