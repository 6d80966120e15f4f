package continuum.fhir;

import java.util.function.BiFunction;
import java.util.function.Function;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * FHIR PATCH with JSON Patch (R4 http.html#patch, RFC 6902) for every type that supports
 * update: the patch applies to the current version's JSON, the result is read back as
 * strictly as a request body (an element the type does not define is refused), and the
 * provider then runs it through its update, at the version it read. Answers: a patch
 * format other than {@code application/json-patch+json} (FHIRPath Patch, XML Patch) 415;
 * a malformed patch document 400; a patch that does not apply (a path that is not there,
 * a failed {@code test}), or that yields an invalid resource or changes its id, 422.
 */
public final class JsonPatches {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JsonPatches() {
	}

	/**
	 * {@code PATCH [type]/[id]} for a type whose provider reads and updates FHIR
	 * resources: the current version is read (through {@code read}, audited as a read),
	 * {@code If-Match} must name it, and the patched resource goes through {@code update}
	 * at that version, so that a write landing in between makes the patch a 412. A
	 * resource the type keeps no version of (a ward) is updated without one, or at the
	 * version {@code If-Match} names.
	 */
	public static <R extends IBaseResource> MethodOutcome patch(IdType id, @Nullable PatchTypeEnum type,
			@Nullable String body, RequestDetails request, Function<IdType, R> read,
			BiFunction<IdType, R, MethodOutcome> update) {
		R current = read.apply(id.toVersionless());
		String resourceType = request.getFhirContext().getResourceType(current);
		IdType target = new IdType(resourceType, current.getIdElement().getIdPart());
		String version = current.getMeta().getVersionId();
		if (version != null) {
			IfMatch.require(request, Integer.parseInt(version), resourceType + "/" + target.getIdPart());
			target = target.withVersion(version);
		}
		else {
			Integer expected = IfMatch.version(request);
			if (expected != null) {
				target = target.withVersion(expected.toString());
			}
		}
		return update.apply(target, apply(request, type, body, current));
	}

	public static <R extends IBaseResource> R apply(RequestDetails request, @Nullable PatchTypeEnum type,
			@Nullable String body, R current) {
		if (type != PatchTypeEnum.JSON_PATCH) {
			throw new UnclassifiedServerFailureException(415,
					"PATCH takes a JSON Patch document (Content-Type: application/json-patch+json); "
							+ (type == null ? "this content type" : type.getContentType()) + " is not supported here");
		}
		if (body == null || body.isBlank()) {
			throw new InvalidRequestException("PATCH needs a JSON Patch document in its body");
		}
		FhirContext context = request.getFhirContext();
		JsonNode patched;
		try {
			JsonPatch patch = JsonPatch.parse(body);
			patched = patch.apply(JSON.readTree(context.newJsonParser().encodeResourceToString(current)));
		}
		catch (JsonPatch.PatchException ex) {
			if (ex.kind() == JsonPatch.Kind.MALFORMED) {
				throw new InvalidRequestException(ex.getMessage());
			}
			throw new UnprocessableEntityException(ex.getMessage());
		}
		String resourceType = context.getResourceType(current);
		if (!patched.isObject() || !resourceType.equals(patched.path("resourceType").asString(""))) {
			throw new UnprocessableEntityException("The patched document is not a " + resourceType + " resource");
		}
		IParser parser = context.newJsonParser();
		parser.setParserErrorHandler(new StrictErrorHandler());
		R result;
		try {
			@SuppressWarnings("unchecked")
			R parsed = (R) parser.parseResource(current.getClass(), JSON.writeValueAsString(patched));
			result = parsed;
		}
		catch (DataFormatException ex) {
			throw new UnprocessableEntityException("The patched " + resourceType + " is not valid: " + ex.getMessage());
		}
		if (!current.getIdElement().getIdPart().equals(result.getIdElement().getIdPart())) {
			throw new UnprocessableEntityException("A patch may not change the id of the resource");
		}
		StringContent.requireNoControlCharacters(context, result);
		return result;
	}

}
