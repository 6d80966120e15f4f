package continuum.continuity.probes;

import java.time.Duration;

/**
 * Measures the components of one kind. A probe is a Spring bean; the runner finds it by
 * {@link #kind()}, so adding a kind of component (an HL7 link, a DICOM peer) is one probe
 * bean plus {@link ComponentCatalogue#register} of its components. {@code probe} must
 * return or throw within about {@code timeout} (use it for every connect and read); the
 * runner abandons it after the timeout in any case and records a failed probe. An
 * exception is a failed probe, classified by its type (timeout, refused, unreachable,
 * database).
 */
public interface ComponentProbe {

	/** The component kind this probe measures, e.g. {@code smtp}. */
	String kind();

	/** Measures the component at {@code target} (as the catalogue holds it). */
	ProbeOutcome probe(String target, Duration timeout) throws Exception;

}
