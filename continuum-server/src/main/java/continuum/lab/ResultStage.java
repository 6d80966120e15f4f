package continuum.lab;

/**
 * The laboratory's own workflow for a result: entered (by an analyzer or by hand),
 * technically verified by a technologist, medically released by a clinical biologist.
 * Only released results leave the laboratory.
 */
public enum ResultStage {

	ENTERED, VERIFIED, RELEASED

}
