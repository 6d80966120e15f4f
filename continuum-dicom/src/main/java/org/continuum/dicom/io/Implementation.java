package org.continuum.dicom.io;

/**
 * This library's Implementation Class UID and Version Name, sent in File Meta Information
 * (PS3.10 §7.1) and in A-ASSOCIATE user information (PS3.7 §D.3.3.2). The UID is under
 * the UUID arc 2.25 (PS3.5 §B.2).
 */
public final class Implementation {

	public static final String CLASS_UID = "2.25.208311937186412903419548447632907146411";

	public static final String VERSION_NAME = "CONTINUUM_01";

	private Implementation() {
	}

}
