package continuum.patients.web;

import org.jspecify.annotations.Nullable;

/**
 * What the registration form posts; every field as typed, checked by
 * {@link PatientRegistrationController}.
 */
record RegistrationForm(@Nullable String family, @Nullable String given, @Nullable String prefix,
		@Nullable String birthDate, @Nullable String gender, @Nullable String nationalNumber,
		@Nullable String addressLine, @Nullable String postalCode, @Nullable String city, @Nullable String phone,
		@Nullable String email, @Nullable String language) {

	static RegistrationForm empty() {
		return new RegistrationForm(null, null, null, null, null, null, null, null, null, null, null, "nl");
	}

}
