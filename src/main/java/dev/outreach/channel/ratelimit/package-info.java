/** Rate limiting for the channels: the limiter stores and the channel limits other modules check. */
@org.springframework.modulith.NamedInterface("ratelimit")
package dev.outreach.channel.ratelimit;
