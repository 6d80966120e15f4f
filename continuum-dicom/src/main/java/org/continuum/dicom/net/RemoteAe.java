package org.continuum.dicom.net;

/**
 * A known peer application entity: its AE title and network address (PS3.8 §7.1.1.3-4).
 */
public record RemoteAe(String aeTitle, String host, int port) {

	public RemoteAe {
		if (aeTitle.isBlank() || aeTitle.length() > 16) {
			throw new IllegalArgumentException("AE title must be 1-16 characters: '" + aeTitle + "'");
		}
	}
}
