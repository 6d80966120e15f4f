package continuum.bulkdata.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import continuum.bulkdata.BulkExportService;
import continuum.bulkdata.ExportJob;
import continuum.bulkdata.ExportLevel;
import continuum.bulkdata.TooManyExportsException;
import continuum.bulkdata.TypeFilter;
import continuum.fhir.OperationOutcomeJson;
import continuum.platform.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The kick-off request of a bulk export (Bulk Data Access IG v2, "Bulk Data Kick-off
 * Request"), the same at every level: {@code Prefer: respond-async} is required,
 * {@code Accept} (if given) must allow {@code application/fhir+json},
 * {@code _outputFormat} is newline-delimited JSON under any of its three names,
 * {@code _type}, {@code _since} and {@code _typeFilter} are served; {@code patient},
 * {@code includeAssociatedData}, {@code _elements} and any other parameter are refused
 * (400, an OperationOutcome naming it), since ignoring them would export something else
 * than was asked. Accepted: 202 with the status URL in {@code Content-Location}.
 */
@Component
class ExportKickOff {

	/** Where each export's status, cancellation and files are, under the FHIR base. */
	static final String JOB_PATH = "/$export-job/";

	private static final Set<String> OUTPUT_FORMATS = Set.of("application/fhir+ndjson", "application/ndjson", "ndjson");

	private static final Set<String> PARAMETERS = Set.of("_outputFormat", "_type", "_since", "_typeFilter", "_format");

	private final BulkExportService exports;

	ExportKickOff(BulkExportService exports) {
		this.exports = exports;
	}

	void kickOff(ExportLevel level, @Nullable String groupId, ServletRequestDetails request,
			@Nullable StringType outputFormat, @Nullable StringType since, @Nullable List<StringType> types,
			@Nullable List<StringType> typeFilters) {
		checkPrefer(request.getHeader("Prefer"));
		checkAccept(request.getHeader("Accept"));
		for (String name : parameterNames(request)) {
			if (!PARAMETERS.contains(name)) {
				throw new InvalidRequestException("Bulk export parameter " + name + " is not supported; this server "
						+ "takes _outputFormat, _type, _since and _typeFilter");
			}
		}
		if (outputFormat != null && !OUTPUT_FORMATS.contains(outputFormat.getValue())) {
			throw new InvalidRequestException("_outputFormat " + outputFormat.getValue()
					+ " is not supported; this server writes application/fhir+ndjson");
		}
		List<String> typeList = types(types);
		List<TypeFilter> filters = new ArrayList<>();
		if (typeFilters != null) {
			for (StringType filter : typeFilters) {
				try {
					filters.add(TypeFilter.parse(filter.getValue() == null ? "" : filter.getValue()));
				}
				catch (InvalidInputException ex) {
					throw new InvalidRequestException(ex.getMessage());
				}
			}
		}
		for (TypeFilter filter : filters) {
			if (!typeList.isEmpty() && !typeList.contains(filter.resourceType())) {
				throw new InvalidRequestException(
						"_typeFilter on " + filter.resourceType() + " names a type that _type leaves out");
			}
		}
		ExportJob job;
		try {
			job = exports.start(level, groupId, request.getCompleteUrl(), typeList, since(since), filters);
		}
		catch (TooManyExportsException ex) {
			BaseServerResponseException tooMany = new TooManyRequestsException(ex.getMessage());
			tooMany.addResponseHeader("Retry-After", Long.toString(exports.retryAfterSeconds()));
			throw tooMany;
		}
		catch (InvalidInputException ex) {
			throw new InvalidRequestException(ex.getMessage());
		}
		HttpServletResponse response = request.getServletResponse();
		response.setStatus(HttpServletResponse.SC_ACCEPTED);
		response.setHeader("Content-Location", request.getFhirServerBase() + JOB_PATH + job.id());
		byte[] body = OperationOutcomeJson.of("information", "informational",
				"Bulk export accepted; poll the Content-Location for its status");
		response.setContentType(OperationOutcomeJson.CONTENT_TYPE);
		response.setContentLength(body.length);
		try {
			response.getOutputStream().write(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private List<String> types(@Nullable List<StringType> types) {
		Set<String> result = new LinkedHashSet<>();
		if (types != null) {
			for (StringType value : types) {
				for (String type : (value.getValue() == null ? "" : value.getValue()).split(",")) {
					String name = type.strip();
					if (!exports.exportableTypes().contains(name)) {
						throw new InvalidRequestException("_type " + name + " is not a type this server exports; it "
								+ "exports " + String.join(", ", exports.exportableTypes()));
					}
					result.add(name);
				}
			}
		}
		return List.copyOf(result);
	}

	private static @Nullable Instant since(@Nullable StringType since) {
		if (since == null || since.getValue() == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(since.getValue()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRequestException("_since " + since.getValue()
					+ " is not a FHIR instant (such as 2026-01-31T12:00:00Z; a + in a query is sent as %2B)");
		}
	}

	private static void checkPrefer(@Nullable String prefer) {
		if (prefer != null) {
			for (String preference : prefer.split(",")) {
				if (preference.strip().equalsIgnoreCase("respond-async")) {
					return;
				}
			}
		}
		throw new InvalidRequestException("A bulk export is asynchronous: send the header Prefer: respond-async");
	}

	private static void checkAccept(@Nullable String accept) {
		if (accept == null || accept.isBlank()) {
			return;
		}
		for (String range : accept.split(",")) {
			String type = range.split(";")[0].strip();
			if (type.equals("application/fhir+json") || type.equals("application/json") || type.equals("*/*")
					|| type.equals("application/*")) {
				return;
			}
		}
		throw new InvalidRequestException(
				"Accept " + accept + " is not supported for a bulk export's kick-off; send application/fhir+json");
	}

	private static Set<String> parameterNames(ServletRequestDetails request) {
		Set<String> names = new LinkedHashSet<>(request.getParameters().keySet());
		if (request.getResource() instanceof Parameters parameters) {
			parameters.getParameter().forEach(p -> names.add(p.getName()));
		}
		return names;
	}

	/**
	 * 429 Too Many Requests, as the IG answers a client with too many exports running.
	 */
	static final class TooManyRequestsException extends BaseServerResponseException {

		private static final long serialVersionUID = 1L;

		TooManyRequestsException(String message) {
			super(429, message);
		}

	}

}
