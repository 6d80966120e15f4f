package continuum.fhir;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.jspecify.annotations.Nullable;

/**
 * Parses the resource in a request body before HAPI would, and more strictly: the body
 * must be UTF-8 without duplicate JSON keys ({@link BodySyntax}); an element the resource
 * type does not define, or a value of the wrong JSON type ({@code "given": {...}} where
 * strings belong), is a 400 naming the element instead of being dropped; no value may
 * hold a control character ({@link StringContent}). A client that wants the unknown
 * dropped says {@code Prefer: handling=lenient} (FHIR R4 §3.1.0.1.4); the syntax and
 * control-character rules hold either way. HAPI then uses the resource parsed here.
 */
@Interceptor
class RequestBodyInterceptor {

	private final FhirContext context;

	RequestBodyInterceptor(FhirContext context) {
		this.context = context;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	boolean parse(RequestDetails request) {
		RequestTypeEnum method = request.getRequestType();
		if (method != RequestTypeEnum.POST && method != RequestTypeEnum.PUT && method != RequestTypeEnum.PATCH) {
			return true;
		}
		// Form-encoded searches and JSON Patch documents are not resources: HAPI reads
		// them.
		EncodingEnum encoding = RestfulServerUtils.determineRequestEncodingNoDefault(request);
		if (encoding == null) {
			return true;
		}
		byte[] body = request.loadRequestContents();
		if (body == null || body.length == 0) {
			return true;
		}
		Charset charset = request.getCharset();
		String problem = BodySyntax.problem(body, charset, encoding == EncodingEnum.JSON);
		if (problem != null) {
			throw new InvalidRequestException(problem);
		}
		IParser parser = encoding.newParser(context);
		if (!lenient(request.getHeader("Prefer"))) {
			parser.setParserErrorHandler(new StrictErrorHandler());
		}
		parser.setServerBaseUrl(request.getFhirServerBase());
		Class<? extends IBaseResource> type = typeOf(request);
		IBaseResource resource;
		try {
			String text = new String(body, charset == null ? StandardCharsets.UTF_8 : charset);
			resource = type == null ? parser.parseResource(text) : parser.parseResource(type, text);
		}
		catch (DataFormatException ex) {
			throw new InvalidRequestException("The request body is not a valid "
					+ (type == null ? "resource" : request.getResourceName() + " resource") + ": " + ex.getMessage());
		}
		StringContent.requireNoControlCharacters(context, resource);
		request.setResource(resource);
		return true;
	}

	/**
	 * The type a create or update must carry; other writes (operations, FHIRPath Patch)
	 * take whatever resource they are sent, as HAPI parses them.
	 */
	private @Nullable Class<? extends IBaseResource> typeOf(RequestDetails request) {
		RestOperationTypeEnum operation = request.getRestOperationType();
		if ((operation == RestOperationTypeEnum.CREATE || operation == RestOperationTypeEnum.UPDATE)
				&& request.getResourceName() != null) {
			return context.getResourceDefinition(request.getResourceName()).getImplementingClass();
		}
		return null;
	}

	static boolean lenient(@Nullable String prefer) {
		if (prefer == null) {
			return false;
		}
		for (String preference : prefer.split("[,;]")) {
			if (preference.strip().replace(" ", "").equalsIgnoreCase("handling=lenient")) {
				return true;
			}
		}
		return false;
	}

}
