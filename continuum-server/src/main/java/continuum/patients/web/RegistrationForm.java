package continuum.patients.web;

import continuum.patients.Identifier;
import continuum.patients.Patient;
import continuum.patients.PatientData;
import org.jspecify.annotations.Nullable;

/**
 * What the registration form posts; every field as typed, checked by
 * {@link PatientRegistrationController}.
 */
record RegistrationForm(@Nullable String family, @Nullable String given, @Nullable String prefix,
		@Nullable String birthDate, @Nullable String gender, @Nullable String nationalNumber,
		@Nullable String addressLine, @Nullable String postalCode, @Nullable String city, @Nullable String phone,
		@Nullable String email, @Nullable String language, @Nullable String version, @Nullable Boolean deceased,
		@Nullable Boolean confirmedNew) {

	static RegistrationForm empty() {
		return new RegistrationForm(null, null, null, null, null, null, null, null, null, null, null, "nl", null, false,
				false);
	}

	/** Whether the box "deceased" is ticked (an unticked box sends nothing). */
	public boolean isDeceased() {
		return Boolean.TRUE.equals(deceased);
	}

	/**
	 * Whether the clerk confirmed, after seeing similar patients, that this is a
	 * different person.
	 */
	public boolean isConfirmedNew() {
		return Boolean.TRUE.equals(confirmedNew);
	}

	/** The registration as it stands, to change. */
	static RegistrationForm of(Patient patient) {
		PatientData data = patient.data();
		return new RegistrationForm(data.family(), String.join(" ", data.given()), data.prefix(),
				data.birthDate() == null ? null : data.birthDate().toString(), data.gender().code(),
				patient.identifier(Identifier.SSIN_SYSTEM).map(Identifier::value).orElse(null), data.address().line(),
				data.address().postalCode(), data.address().city(), data.phone(), data.email(), data.language(),
				Integer.toString(patient.version()), patient.deceased(), false);
	}

}
