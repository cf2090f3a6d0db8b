/** The app shell (main layout, navigation, access-denied page), the command center and SVG chart components. */
package dev.outreach.console;
