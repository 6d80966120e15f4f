package continuum.fhir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.method.BaseMethodBinding;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * Runs one Bundle entry as the interaction its {@code request} names, through the same
 * HAPI method binding, provider and module service as the plain request would (so the
 * same access check, conditions, validation and audit), and keeps what it answers. The
 * access check's hook ({@code SERVER_INCOMING_REQUEST_PRE_HANDLED}) is called for the
 * entry as HAPI calls it for a request; the entry's resource was already parsed,
 * strictly, with the Bundle.
 */
final class EntryDispatcher {

	/** What an entry answered. */
	record Answer(int status, @Nullable Resource resource, @Nullable String location, @Nullable String etag,
			@Nullable String lastModified) {
	}

	private final FhirServer server;

	EntryDispatcher(FhirServer server) {
		this.server = server;
	}

	Answer run(ServletRequestDetails bundleRequest, Bundle.BundleEntryRequestComponent request,
			@Nullable Resource resource) {
		String url = relative(bundleRequest, request.getUrl());
		int query = url.indexOf('?');
		String path = query < 0 ? url : url.substring(0, query);
		if ((request.getMethod() == Bundle.HTTPVerb.DELETE || request.getMethod() == Bundle.HTTPVerb.PATCH)
				&& path.indexOf('/') < 0) {
			throw ConditionalWriteInterceptor.notSupported(request.getMethod().toCode());
		}
		EntryRequest entry = new EntryRequest(bundleRequest);
		entry.setServer(server);
		entry.setFhirServerBase(bundleRequest.getFhirServerBase());
		entry.setRequestType(RequestTypeEnum.valueOf(request.getMethod().toCode()));
		entry.setRequestPath(path);
		entry.setCompleteUrl(bundleRequest.getFhirServerBase() + "/" + url);
		entry.setParameters(parameters(query < 0 ? "" : url.substring(query + 1)));
		entry.setRequestId(bundleRequest.getRequestId());
		entry.header(Constants.HEADER_IF_MATCH, request.getIfMatch());
		entry.header(Constants.HEADER_IF_NONE_EXIST, request.getIfNoneExist());
		entry.header(Constants.HEADER_IF_NONE_MATCH, request.getIfNoneMatch());
		if (request.hasIfModifiedSince()) {
			entry.header(Constants.HEADER_IF_MODIFIED_SINCE, request.getIfModifiedSinceElement().getValueAsString());
		}
		entry.header(Constants.HEADER_ACCEPT, Constants.CT_FHIR_JSON_NEW);
		// The entry's resource is asked for only when the Bundle's answer shows it:
		// encoding
		// it and parsing it back for nothing was an eighth of a transaction's CPU.
		boolean shown = request.getMethod() == Bundle.HTTPVerb.GET || request.getMethod() == Bundle.HTTPVerb.HEAD
				|| TransactionProvider.representationPreferred(bundleRequest);
		entry.header(Constants.HEADER_PREFER, "return="
				+ (shown ? Constants.HEADER_PREFER_RETURN_REPRESENTATION : Constants.HEADER_PREFER_RETURN_MINIMAL));
		if (resource instanceof org.hl7.fhir.r4.model.Binary patch && request.getMethod() == Bundle.HTTPVerb.PATCH) {
			// A JSON Patch travels in a Binary (R4 http.html#patch).
			entry.header(Constants.HEADER_CONTENT_TYPE, patch.getContentType());
			entry.setRequestContents(patch.getData() == null ? new byte[0] : patch.getData());
		}
		else if (resource != null) {
			if (isCreateLike(request) && resource.hasIdElement()
					&& BundleReferences.isPlaceholder(resource.getIdElement().getValue())) {
				// The parser gives an entry's resource its fullUrl as id; a create, or a
				// conditional update that may create, has none.
				resource.setIdElement(null);
			}
			// The parser links a reference to the Bundle's entry it names; the entry
			// goes by its reference alone, or the encoder would write the linked
			// entry's id (or the whole entry, contained) instead of the reference.
			for (IBaseReference reference : server.getFhirContext()
				.newTerser()
				.getAllPopulatedChildElementsOfType(resource, IBaseReference.class)) {
				if (reference.getReferenceElement().hasValue()) {
					reference.setResource(null);
				}
			}
			entry.header(Constants.HEADER_CONTENT_TYPE, Constants.CT_FHIR_JSON_NEW);
			entry.setResource(resource);
			entry.setRequestContents(server.getFhirContext()
				.newJsonParser()
				.encodeResourceToString(resource)
				.getBytes(StandardCharsets.UTF_8));
		}
		CapturedResponse captured = new CapturedResponse();
		entry.setResponse(captured);
		server.populateRequestDetailsFromRequestPath(entry, path);
		BaseMethodBinding binding = server.determineResourceMethod(entry, path);
		RestOperationTypeEnum operation = binding.getRestOperationType(entry);
		entry.setRestOperationType(operation);
		HookParams hook = new HookParams().add(RequestDetails.class, entry)
			.add(ServletRequestDetails.class, entry)
			.add(RestOperationTypeEnum.class, operation);
		bundleRequest.getInterceptorBroadcaster().callHooks(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, hook);
		try {
			binding.invokeServer(server, entry);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return answer(operation, captured);
	}

	/**
	 * A POST, or a conditional PUT ({@code Patient?identifier=...}): an entry whose
	 * resource's id the server finds or assigns, so that its {@code urn:uuid:} full URL
	 * names what it answers.
	 */
	static boolean isCreateLike(Bundle.BundleEntryRequestComponent request) {
		return request.getMethod() == Bundle.HTTPVerb.POST
				|| request.getMethod() == Bundle.HTTPVerb.PUT && request.hasUrl() && request.getUrl().contains("?");
	}

	private Answer answer(RestOperationTypeEnum operation, CapturedResponse captured) {
		String body = captured.body();
		Resource returned = body == null ? null
				: (Resource) server.getFhirContext().newJsonParser().parseResource(body);
		int status = captured.status() != 0 ? captured.status() : operation == RestOperationTypeEnum.DELETE
				? Constants.STATUS_HTTP_204_NO_CONTENT : Constants.STATUS_HTTP_200_OK;
		String location = captured.header(Constants.HEADER_LOCATION);
		if (location == null) {
			location = captured.header(Constants.HEADER_CONTENT_LOCATION);
		}
		if (location == null && returned != null && returned.getIdElement().hasIdPart() && !(returned instanceof Bundle)
				&& operation != RestOperationTypeEnum.READ && operation != RestOperationTypeEnum.VREAD) {
			location = returned.getIdElement().toUnqualified().getValue();
		}
		String etag = captured.header(Constants.HEADER_ETAG);
		if (etag == null && returned != null && !(returned instanceof Bundle) && returned.getMeta().hasVersionId()
				&& operation != RestOperationTypeEnum.READ && operation != RestOperationTypeEnum.VREAD) {
			// HAPI writes no ETag for a PATCH; its version is the resource's.
			etag = "W/\"" + returned.getMeta().getVersionId() + "\"";
		}
		return new Answer(status, returned, location == null ? null : unqualified(location), etag,
				captured.header(Constants.HEADER_LAST_MODIFIED));
	}

	/** {@code Patient/7/_history/2} of a location the server wrote with its base. */
	private static String unqualified(String location) {
		int fhir = location.indexOf("/fhir/");
		return fhir < 0 ? location : location.substring(fhir + 6);
	}

	/**
	 * The entry's URL relative to the base: {@code Patient}, {@code Patient/7},
	 * {@code Patient?identifier=...}. An absolute URL must be this server's.
	 */
	static String relative(RequestDetails bundleRequest, @Nullable String url) {
		if (url == null || url.isBlank()) {
			throw new InvalidRequestException("Bundle.entry.request.url is missing");
		}
		String base = bundleRequest.getFhirServerBase();
		String relative = url;
		if (url.startsWith("http://") || url.startsWith("https://")) {
			if (!url.startsWith(base + "/")) {
				throw new InvalidRequestException("Bundle.entry.request.url " + url
						+ " is not a URL of this server; use a relative URL such as Patient/7");
			}
			relative = url.substring(base.length() + 1);
		}
		while (relative.startsWith("/")) {
			relative = relative.substring(1);
		}
		if (relative.isEmpty() || relative.startsWith("?")) {
			throw new InvalidRequestException("Bundle.entry.request.url " + url + " names no resource type");
		}
		return relative;
	}

	static Map<String, String[]> parameters(String query) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		if (!query.isEmpty()) {
			for (String pair : query.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int equals = pair.indexOf('=');
				String name = decode(equals < 0 ? pair : pair.substring(0, equals));
				String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
				values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
			}
		}
		Map<String, String[]> parameters = new LinkedHashMap<>();
		values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
		return parameters;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("The URL has a malformed escape: " + text);
		}
	}

}
