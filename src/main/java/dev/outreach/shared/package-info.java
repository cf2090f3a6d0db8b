/** Value types used everywhere (channels, statuses, delivery mode), the clock, audit log and input errors. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.outreach.shared;
