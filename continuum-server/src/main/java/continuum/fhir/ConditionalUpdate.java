package continuum.fhir;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.jspecify.annotations.Nullable;

/**
 * Conditional update, {@code PUT [type]?[search]} (R4 http.html#cond-update), on the
 * criteria that name resources precisely: {@code _id} (one id) on every type that serves
 * it, and what a type adds (Patient's {@code identifier}). The match is then updated as
 * {@code PUT [type]/[id]} would be, through the type's update with its access check,
 * rules, version check ({@code If-Match}) and audit. Answers: no match, a create where
 * the type's criterion allows one (201), else 404; one match, its update (200); several,
 * 412; a resource whose id is not the match's, 400. HAPI drops the body's id on a
 * conditional update, so it is read again from the body here.
 */
public final class ConditionalUpdate {

	/** The search parameter every type has that names its resource by id. */
	public static final String ID = "_id";

	private ConditionalUpdate() {
	}

	/** One condition: a search parameter and its value, as sent (decoded). */
	public record Criterion(String name, String value) {

		@Override
		public String toString() {
			return name + "=" + value;
		}

	}

	/**
	 * The condition of a conditional URL ({@code Patient?identifier=...}): exactly one
	 * parameter, one of {@code accepted}, given once; anything else is a 400 naming what
	 * the type takes.
	 */
	public static Criterion criterion(String conditionalUrl, String type, Set<String> accepted) {
		int query = conditionalUrl.indexOf('?');
		Map<String, String[]> parameters = EntryDispatcher
			.parameters(query < 0 ? conditionalUrl : conditionalUrl.substring(query + 1));
		String takes = "a conditional update of " + type + " takes exactly one of " + String.join(", ", accepted);
		if (parameters.size() != 1) {
			throw new InvalidRequestException("The condition " + conditionalUrl + " is not supported: " + takes);
		}
		Map.Entry<String, String[]> parameter = parameters.entrySet().iterator().next();
		if (!accepted.contains(parameter.getKey())) {
			throw new InvalidRequestException(
					"The condition parameter " + parameter.getKey() + " is not supported here: " + takes);
		}
		if (parameter.getValue().length != 1 || parameter.getValue()[0].isBlank()) {
			throw new InvalidRequestException(
					"The condition parameter " + parameter.getKey() + " must be given once, with a value");
		}
		return new Criterion(parameter.getKey(), parameter.getValue()[0]);
	}

	/**
	 * {@code PUT [type]?_id=[id]} on a type whose only criterion is {@code _id}: see
	 * {@link #byId}.
	 */
	public static MethodOutcome onId(@Nullable String conditionalUrl, String type, RequestDetails request,
			Function<IdType, MethodOutcome> update) {
		return byId(criterion(String.valueOf(conditionalUrl), type, Set.of(ID)), type, request, update);
	}

	/**
	 * The update of the resource {@code _id} names. This server assigns ids, so a
	 * resource created for an unknown id would never match the condition: no match is a
	 * 404 and nothing is created. A list of ids is refused (400): each id names at most
	 * one resource, and an update names one.
	 */
	public static MethodOutcome byId(Criterion criterion, String type, RequestDetails request,
			Function<IdType, MethodOutcome> update) {
		if (!ID.equals(criterion.name())) {
			throw new IllegalArgumentException("Not an _id condition: " + criterion);
		}
		if (criterion.value().contains(",")) {
			throw new InvalidRequestException(
					"A conditional update on _id names one " + type + ", not a list (" + criterion + ")");
		}
		try {
			return update.apply(target(request, type, criterion.value()));
		}
		catch (ResourceNotFoundException | continuum.platform.NotFoundException ex) {
			throw new ResourceNotFoundException("No " + type + " matches " + criterion
					+ "; this server assigns ids, so a conditional update on _id never creates one");
		}
	}

	/**
	 * The id to update once the condition matched one resource: the match, with the
	 * version {@code If-Match} names (so the type's update checks it). A resource that
	 * carries another id is a 400 (R4: the client's id does not match the resolved one).
	 */
	public static IdType target(RequestDetails request, String type, String match) {
		String given = bodyId(request);
		if (given != null && !given.equals(match)) {
			throw new InvalidRequestException("The resource's id " + given + " is not the id of the " + type
					+ " the condition matches (" + match + ")");
		}
		Integer expected = IfMatch.version(request);
		return expected == null ? new IdType(type, match) : new IdType(type, match, expected.toString());
	}

	/**
	 * Refuses several matches (412, R4: the criteria are not selective enough).
	 */
	public static void requireAtMostOne(List<?> matches, String type, Criterion criterion) {
		if (matches.size() > 1) {
			throw new PreconditionFailedException("The condition " + criterion + " matches " + matches.size() + " "
					+ type + " resources; a conditional update needs a condition that matches at most one");
		}
	}

	/**
	 * Refuses a create where {@code If-Match} named a version (412: there is no version
	 * of a resource that does not exist) or the body carries an id (400: this server
	 * assigns ids, and does not update as create).
	 */
	public static void requireCreatable(RequestDetails request, String type, Criterion criterion) {
		Integer expected = IfMatch.version(request);
		if (expected != null) {
			throw new PreconditionFailedException(
					"If-Match names version " + expected + ", but no " + type + " matches " + criterion);
		}
		String given = bodyId(request);
		if (given != null) {
			throw new InvalidRequestException("No " + type + " matches " + criterion
					+ "; this server assigns ids, so the resource to create must carry none, not " + given);
		}
	}

	/**
	 * The id the request's body gives its resource, or null: HAPI clears it from the
	 * parsed resource of a conditional update, so the body is read again.
	 */
	static @Nullable String bodyId(RequestDetails request) {
		byte[] body = request.loadRequestContents();
		EncodingEnum encoding = RestfulServerUtils.determineRequestEncodingNoDefault(request);
		if (body == null || body.length == 0 || encoding == null) {
			return null;
		}
		Charset charset = request.getCharset() == null ? StandardCharsets.UTF_8 : request.getCharset();
		try {
			IBaseResource resource = encoding.newParser(request.getFhirContext())
				.parseResource(new String(body, charset));
			String id = resource.getIdElement().getIdPart();
			return id == null || id.isEmpty() ? null : id;
		}
		catch (DataFormatException ex) {
			throw new InvalidRequestException("The request body is not a resource: " + ex.getMessage());
		}
	}

}
