package continuum.bulkdata.fhir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import continuum.bulkdata.BulkExportService;
import continuum.bulkdata.ExportFile;
import continuum.bulkdata.ExportJob;
import continuum.bulkdata.ExportStatus;
import continuum.fhir.OperationOutcomeJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An export's status URL and files (Bulk Data Access IG v2), under
 * {@code /fhir/$export-job/}, after Spring Security has authenticated the caller:
 * <ul>
 * <li>{@code GET [id]}: 202 with {@code X-Progress} and {@code Retry-After} while it
 * runs; 200 with the manifest ({@code application/json}) once complete, with an
 * {@code Expires} header; 500 with an OperationOutcome if it failed;</li>
 * <li>{@code DELETE [id]}: 202, the export cancelled (or a finished one removed) with its
 * files; the status URL answers 404 from then on;</li>
 * <li>{@code GET [id]/[type].ndjson}: a file, {@code application/fhir+ndjson}.</li>
 * </ul>
 * Only the client that kicked the export off gets an answer; to anyone else, and for an
 * unknown, cancelled or expired export, every one of these is a 404 OperationOutcome.
 */
class ExportJobFilter extends OncePerRequestFilter {

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	private final BulkExportService exports;

	ExportJobFilter(BulkExportService exports) {
		this.exports = exports;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String prefix = "/fhir" + ExportKickOff.JOB_PATH;
		String rest = path.startsWith(prefix) ? path.substring(prefix.length()) : "";
		int slash = rest.indexOf('/');
		String id = slash < 0 ? rest : rest.substring(0, slash);
		String file = slash < 0 ? null : rest.substring(slash + 1);
		String method = request.getMethod();
		if (file != null) {
			if (!method.equals("GET")) {
				outcome(response, 405, "not-supported", "An export's file is only downloaded (GET)");
				return;
			}
			download(request, response, id, file);
		}
		else if (method.equals("GET")) {
			status(request, response, id);
		}
		else if (method.equals("DELETE")) {
			if (exports.cancel(id)) {
				outcome(response, 202, "informational", "Bulk export " + id + " cancelled; its files are removed");
			}
			else {
				unknown(response, id);
			}
		}
		else {
			outcome(response, 405, "not-supported", "An export's status URL takes GET and DELETE");
		}
	}

	private void status(HttpServletRequest request, HttpServletResponse response, String id) throws IOException {
		Optional<BulkExportService.ExportProgress> found = exports.status(id);
		if (found.isEmpty()) {
			unknown(response, id);
			return;
		}
		ExportJob job = found.get().job();
		if (job.status() == ExportStatus.ACCEPTED) {
			response.setStatus(202);
			response.setHeader("X-Progress",
					job.patientsTotal() > 0 ? job.patientsDone() + " of " + job.patientsTotal() + " patients done"
							: job.patientsDone() + " patients done");
			response.setHeader("Retry-After", Long.toString(exports.retryAfterSeconds()));
			return;
		}
		if (job.status() == ExportStatus.FAILED) {
			outcome(response, 500, "exception", "Bulk export " + id + " failed: " + job.failure());
			return;
		}
		String base = request.getRequestURL().toString();
		byte[] body = manifest(job, found.get(), base).getBytes(java.nio.charset.StandardCharsets.UTF_8);
		response.setStatus(200);
		if (job.expiresAt() != null) {
			response.setHeader("Expires", HTTP_DATE.format(job.expiresAt()));
		}
		response.setContentType("application/json;charset=UTF-8");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/**
	 * The complete status's manifest (Bulk Data Access IG v2, "Response - Complete
	 * Status").
	 */
	static String manifest(ExportJob job, BulkExportService.ExportProgress progress, String statusUrl) {
		StringBuilder output = new StringBuilder();
		StringBuilder error = new StringBuilder();
		for (ExportFile file : progress.files()) {
			if (file.resources() == 0) {
				continue;
			}
			StringBuilder list = file.resourceType().equals(ExportFile.ERRORS) ? error : output;
			if (!list.isEmpty()) {
				list.append(',');
			}
			list.append("{\"type\":\"")
				.append(file.resourceType())
				.append("\",\"url\":\"")
				.append(OperationOutcomeJson.escaped(statusUrl + "/" + file.name()))
				.append("\",\"count\":")
				.append(file.resources())
				.append('}');
		}
		return "{\"transactionTime\":\"" + instant(job.transactionTime()) + "\",\"request\":\""
				+ OperationOutcomeJson.escaped(job.requestUrl()) + "\",\"requiresAccessToken\":true,\"output\":["
				+ output + "],\"deleted\":[],\"error\":[" + error + "]}";
	}

	private static String instant(Instant at) {
		return DateTimeFormatter.ISO_INSTANT.format(at);
	}

	private void download(HttpServletRequest request, HttpServletResponse response, String id, String name)
			throws IOException {
		Optional<Path> file = exports.file(id, name);
		if (file.isEmpty()) {
			outcome(response, 404, "not-found", "No file " + name + " in bulk export " + id);
			return;
		}
		response.setStatus(200);
		response.setContentType("application/fhir+ndjson");
		response.setContentLengthLong(Files.size(file.get()));
		Files.copy(file.get(), response.getOutputStream());
	}

	private static void unknown(HttpServletResponse response, String id) throws IOException {
		outcome(response, 404, "not-found", "No bulk export " + id);
	}

	private static void outcome(HttpServletResponse response, int status, String code, String diagnostics)
			throws IOException {
		byte[] body = OperationOutcomeJson.of(status >= 400 ? "error" : "information", code, diagnostics);
		response.setStatus(status);
		response.setContentType(OperationOutcomeJson.CONTENT_TYPE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
