package continuum.smart.web;

import java.io.Serializable;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An authorization request checked and waiting in the user's web session for a patient to
 * be picked and for the user's answer; found again by its random {@code tx}.
 */
record PendingAuthorization(String clientId, String redirectUri, String state, List<String> scopes,
		String codeChallenge, @Nullable String patientId) implements Serializable {

	PendingAuthorization {
		scopes = List.copyOf(scopes);
	}

	PendingAuthorization withPatient(String patient) {
		return new PendingAuthorization(clientId, redirectUri, state, scopes, codeChallenge, patient);
	}

}
