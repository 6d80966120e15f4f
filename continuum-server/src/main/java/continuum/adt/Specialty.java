package continuum.adt;

/** The medical service a ward belongs to. */
public enum Specialty {

	CARDIOLOGY("Cardiology"), GERIATRICS("Geriatrics"), INTENSIVE_CARE("Intensive care"), MATERNITY("Maternity"),
	PAEDIATRICS("Paediatrics"), SURGERY("Surgery"), EMERGENCY("Emergency"), INTERNAL_MEDICINE("Internal medicine"),
	NEUROLOGY("Neurology"), ORTHOPAEDICS("Orthopaedics"), ONCOLOGY("Oncology"), PULMONOLOGY("Pulmonology");

	private final String label;

	Specialty(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
