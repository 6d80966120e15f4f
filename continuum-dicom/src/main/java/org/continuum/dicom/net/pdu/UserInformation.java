package org.continuum.dicom.net.pdu;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * User Information item (PS3.8 §9.3.2.3, PS3.7 Annex D): maximum length of received
 * P-DATA-TF variable fields (0 = unlimited), implementation class UID and version name,
 * asynchronous operations window (0 = not negotiated), role selections and user identity
 * (request) or server response (accept).
 */
public record UserInformation(long maxPduLength, String implementationClassUid,
		@Nullable String implementationVersionName, int maxOperationsInvoked, int maxOperationsPerformed,
		List<RoleSelection> roleSelections, @Nullable UserIdentity userIdentity,
		byte @Nullable [] userIdentityServerResponse) {

	public UserInformation {
		roleSelections = List.copyOf(roleSelections);
	}

	public boolean asyncOperationsNegotiated() {
		return maxOperationsInvoked != 0 || maxOperationsPerformed != 0;
	}

	@Override
	public boolean equals(@Nullable Object o) {
		if (!(o instanceof UserInformation)) {
			return false;
		}
		UserInformation u = (UserInformation) o;
		return u.maxPduLength == maxPduLength && u.implementationClassUid.equals(implementationClassUid)
				&& java.util.Objects.equals(u.implementationVersionName, implementationVersionName)
				&& u.maxOperationsInvoked == maxOperationsInvoked && u.maxOperationsPerformed == maxOperationsPerformed
				&& u.roleSelections.equals(roleSelections) && java.util.Objects.equals(u.userIdentity, userIdentity)
				&& Arrays.equals(u.userIdentityServerResponse, userIdentityServerResponse);
	}

	@Override
	public int hashCode() {
		return implementationClassUid.hashCode() * 31 + (int) maxPduLength;
	}
}
