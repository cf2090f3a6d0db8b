package dev.outreach.channel.contactform;

/** One name/value pair of a submission, in form order. */
record FormEntry(String name, String value) {
}
