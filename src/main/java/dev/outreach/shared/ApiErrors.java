package dev.outreach.shared;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** How the REST API reports errors: JSON naming the field and the reason, never a stack trace. */
@RestControllerAdvice(basePackages = "dev.outreach")
class ApiErrors {

    record ErrorBody(String error, List<FieldError> errors) {
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ErrorBody> invalid(InvalidInputException e) {
        return ResponseEntity.badRequest().body(new ErrorBody("Invalid input", e.errors()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ErrorBody> denied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(new ErrorBody("This API key's role may not do that", List.of()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e) {
        // name the field when the JSON was well-formed but a value had the wrong type
        List<FieldError> errors = e.getMostSpecificCause() instanceof tools.jackson.core.JacksonException jackson
                && !jackson.getPath().isEmpty()
                ? List.of(new FieldError(jsonPath(jackson), "Not a valid value for this field")) : List.of();
        return ResponseEntity.badRequest().body(new ErrorBody("The request body is not valid JSON of the expected shape",
                errors));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ErrorBody> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ErrorBody(e.getMessage(), List.of()));
    }

    @ExceptionHandler(IdempotencyConflict.class)
    ResponseEntity<ErrorBody> idempotencyConflict(IdempotencyConflict e) {
        return ResponseEntity.status(e.stillRunning() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT)
                .body(new ErrorBody(e.getMessage(), List.of(new FieldError(IdempotentRequests.HEADER, e.getMessage()))));
    }

    /** A JSON value's path as a client writes it: {@code leads[3].employeeCount}. */
    static String jsonPath(tools.jackson.core.JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (tools.jackson.core.JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorBody> mismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(new ErrorBody("Invalid input",
                List.of(new FieldError(e.getName(), "'" + e.getValue() + "' is not a valid value"))));
    }

}
