package continuum.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import continuum.fhir.OperationOutcomeJson;
import continuum.platform.DatabaseFailure;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.HtmlUtils;

/**
 * An error in the form of the door it came through: an OperationOutcome under
 * {@code /fhir}, an RFC 9457 problem under {@code /api} and {@code /actuator}, a page
 * elsewhere. Used where no controller answers (the container's own refusals, the request
 * guard, the error page); the message says what was wrong with the request and never what
 * failed inside.
 */
final class ErrorBodies {

	enum Door {

		FHIR, API, PAGE;

		static Door of(@Nullable String path) {
			if (path == null) {
				return PAGE;
			}
			if (isUnder(path, "/fhir")) {
				return FHIR;
			}
			return isUnder(path, "/api") || isUnder(path, "/actuator") || isUnder(path, "/dicomweb") ? API : PAGE;
		}

	}

	private ErrorBodies() {
	}

	private static boolean isUnder(String path, String root) {
		return path.equals(root) || path.startsWith(root + "/");
	}

	/** The short heading for a status: "Bad request", "URI too long". */
	static String heading(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		if (known == null) {
			return "Error " + status;
		}
		String phrase = known.getReasonPhrase();
		return phrase.charAt(0) + phrase.substring(1).toLowerCase(java.util.Locale.ROOT);
	}

	/** The error page of the web UI, with the layout, for a controller to return. */
	static ModelAndView page(HttpStatus status, String heading, String message) {
		ModelAndView page = new ModelAndView("web/error", status);
		page.addObject("heading", heading);
		page.addObject("message", message);
		return page;
	}

	/** Writes the whole response: status, media type, length and body. */
	static void write(HttpServletResponse response, Door door, int status, String message) throws IOException {
		byte[] body = switch (door) {
			case FHIR -> OperationOutcomeJson.of(issueCode(status), message);
			case API -> problem(status, message);
			case PAGE -> page(status, message);
		};
		response.setStatus(status);
		response.setContentType(contentType(door));
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/**
	 * Writes the answer to a request that met a database failure: 503, the failure's
	 * headers and the body of the door.
	 */
	static void writeDatabaseFailure(HttpServletResponse response, Door door, DatabaseFailure failure, boolean write)
			throws IOException {
		DatabaseFailurePages.headers(response, failure, write);
		String message = door == Door.PAGE ? DatabaseFailurePages.message(failure, write) : failure.message(write);
		byte[] body = switch (door) {
			case FHIR -> OperationOutcomeJson.of(failure.fhirIssueCode(), message);
			case API -> problem(503, message);
			case PAGE -> page(DatabaseFailurePages.heading(failure), message);
		};
		response.setStatus(503);
		response.setContentType(contentType(door));
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private static String contentType(Door door) {
		return switch (door) {
			case FHIR -> OperationOutcomeJson.CONTENT_TYPE;
			case API -> "application/problem+json";
			case PAGE -> "text/html;charset=UTF-8";
		};
	}

	static String issueCode(int status) {
		return switch (status) {
			case 401 -> "login";
			case 403 -> "forbidden";
			case 404 -> "not-found";
			case 405 -> "not-supported";
			case 413, 414, 431 -> "too-long";
			default -> status >= 500 ? "exception" : "invalid";
		};
	}

	private static byte[] problem(int status, String message) {
		return ("{\"title\":\"" + heading(status) + "\",\"status\":" + status + ",\"detail\":\""
				+ OperationOutcomeJson.escaped(message) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A page without the layout: the container's refusals come before the application.
	 */
	private static byte[] page(int status, String message) {
		return page(heading(status), message);
	}

	private static byte[] page(String heading, String message) {
		return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + heading
				+ " · Continuum</title></head><body><h1>" + heading + "</h1><p>" + HtmlUtils.htmlEscape(message)
				+ "</p><p><a href=\"/\">Back to the start page</a></p></body></html>")
			.getBytes(StandardCharsets.UTF_8);
	}

}
