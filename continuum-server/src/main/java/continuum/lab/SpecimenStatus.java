package continuum.lab;

/**
 * A specimen's way from label to bench: ordered (label printed), collected, received in
 * the laboratory, or rejected on receipt (with a condition and a reason).
 */
public enum SpecimenStatus {

	ORDERED, COLLECTED, RECEIVED, REJECTED

}
