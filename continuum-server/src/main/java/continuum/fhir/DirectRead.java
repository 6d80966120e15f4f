package continuum.fhir;

import java.time.Instant;
import java.util.Optional;

/**
 * A resource type whose plain read ({@code GET /fhir/[type]/[id]}, JSON) the FHIR server
 * answers without HAPI's dispatch and encoder: the busiest interaction of an integration
 * engine, served by the module's service and a writer for its one resource shape. The
 * module checks access and audits as its service always does; anything unusual (an
 * unknown id, a refusal, another format, a version, a search) is left to the full server,
 * which answers it with the same body and headers as before.
 */
public interface DirectRead {

	/** The resource type served, such as {@code Patient}. */
	String resourceType();

	/**
	 * The resource with this logical id as FHIR R4 JSON, byte for byte what HAPI's
	 * encoder would write; empty to let the full server answer (unknown id, refused
	 * access).
	 */
	Optional<Found> read(String id);

	/**
	 * A resource as JSON, with the version and time the response headers carry.
	 */
	record Found(byte[] json, String versionId, Instant lastUpdated) {
	}

}
