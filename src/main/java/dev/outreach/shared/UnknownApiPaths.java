package dev.outreach.shared;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A path under {@code /api/v1} that no endpoint serves gets a JSON 404. Without it the request
 * fell through to Vaadin, the handler of last resort, and a client got the console's HTML with
 * status 200. Every real endpoint's pattern is more specific than this one, so it wins.
 */
@Hidden
@RestController
class UnknownApiPaths {

    @RequestMapping("/api/v1/**")
    ResponseEntity<ApiErrors.ErrorBody> notFound(HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiErrors.ErrorBody(
                "No API endpoint " + request.getMethod() + " " + request.getRequestURI()
                        + " (see /api/v1/openapi for the API's paths)", List.of()));
    }
}
