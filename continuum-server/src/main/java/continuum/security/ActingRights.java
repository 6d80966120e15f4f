package continuum.security;

import java.util.List;

/**
 * What a signed-in caller may do, kept so that work done later on their behalf (a FHIR
 * subscription's notifications) runs under the same rights: the account, its role when
 * the rights were taken, and, for an API token, the token's scopes ({@code token} false:
 * a web session, bound by the role alone). See {@link CurrentUser#rights()} and
 * {@link CurrentUser#actingAs}.
 */
public record ActingRights(String username, Role role, List<String> scopes, boolean token) {

	public ActingRights {
		scopes = List.copyOf(scopes);
	}

}
