package dev.outreach.events;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Base64;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * The open pixel {@code /t/o/{token}} and the click redirect {@code /t/c/{token}}, public and
 * stateless (see the security configuration). The pixel always answers with the image, whatever
 * the token; the redirect goes only to the URL signed into a valid token and answers 404
 * otherwise: it can never be used as an open redirect. A machine's click (a security gateway's
 * scanner) is redirected like anyone's; it only does not count.
 */
@Controller
class TrackingController {

    /** The smallest transparent GIF: 1x1, 43 bytes. */
    static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final TrackingService tracking;
    private final ClientAddress clients;
    private final Clock clock;

    TrackingController(TrackingService tracking, ClientAddress clients, Clock clock) {
        this.tracking = tracking;
        this.clients = clients;
        this.clock = clock;
    }

    @RequestMapping(path = "/t/o/{token}", method = {RequestMethod.GET, RequestMethod.HEAD})
    ResponseEntity<byte[]> open(@PathVariable String token, HttpServletRequest request) {
        tracking.opened(token, hit(request));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).headers(noCache()).body(PIXEL);
    }

    @RequestMapping(path = "/t/c/{token}", method = {RequestMethod.GET, RequestMethod.HEAD})
    ResponseEntity<String> click(@PathVariable String token, HttpServletRequest request) {
        return tracking.clicked(token, hit(request))
                .map(target -> ResponseEntity.status(HttpStatus.FOUND).location(target).headers(noCache()).<String>build())
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_HTML).headers(noCache())
                        .body("""
                                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Link not valid</title></head>
                                <body style="font-family: sans-serif; max-width: 32rem; margin: 4rem auto;">
                                <p>This link is not valid.</p></body></html>
                                """));
    }

    /** Every fetch must reach us: no browser, proxy or mail client may answer from a cache. */
    private static HttpHeaders noCache() {
        HttpHeaders headers = new HttpHeaders();
        headers.setCacheControl(CacheControl.noStore().mustRevalidate().cachePrivate());
        headers.setPragma("no-cache");
        headers.setExpires(0);
        return headers;
    }

    private MachineTraffic.Hit hit(HttpServletRequest request) {
        return new MachineTraffic.Hit(request.getMethod(), request.getHeader(HttpHeaders.USER_AGENT), clients.of(request),
                clock.instant(), request.getHeader(HttpHeaders.COOKIE) != null,
                request.getHeader(HttpHeaders.ACCEPT_LANGUAGE) != null);
    }
}
