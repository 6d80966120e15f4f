package org.continuum.dicom.data;

/**
 * SOP Class UIDs this library's services use (PS3.6 Annex A, PS3.4 Annexes A, B, C, F, J,
 * K). Hand-written: dcmtk's dictionary carries attributes, not UIDs. Storage SOP classes
 * are recognised by their common root instead of a list, so that new IODs are stored
 * without a library update.
 */
public final class Uid {

	public static final String VERIFICATION = "1.2.840.10008.1.1";

	/** Every Storage SOP Class sits under this arc (PS3.4 §B.5, PS3.6 Table A-1). */
	public static final String STORAGE_ROOT = "1.2.840.10008.5.1.4.1.1.";

	public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

	public static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";

	public static final String SECONDARY_CAPTURE_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.7";

	public static final String PATIENT_ROOT_QR_FIND = "1.2.840.10008.5.1.4.1.2.1.1";

	public static final String PATIENT_ROOT_QR_MOVE = "1.2.840.10008.5.1.4.1.2.1.2";

	public static final String PATIENT_ROOT_QR_GET = "1.2.840.10008.5.1.4.1.2.1.3";

	public static final String STUDY_ROOT_QR_FIND = "1.2.840.10008.5.1.4.1.2.2.1";

	public static final String STUDY_ROOT_QR_MOVE = "1.2.840.10008.5.1.4.1.2.2.2";

	public static final String STUDY_ROOT_QR_GET = "1.2.840.10008.5.1.4.1.2.2.3";

	public static final String MODALITY_WORKLIST_FIND = "1.2.840.10008.5.1.4.31";

	/** Modality Performed Procedure Step SOP Class (PS3.4 §F.7.1). */
	public static final String MODALITY_PERFORMED_PROCEDURE_STEP = "1.2.840.10008.3.1.2.3.3";

	/** Storage Commitment Push Model SOP Class (PS3.4 §J.3). */
	public static final String STORAGE_COMMITMENT_PUSH_MODEL = "1.2.840.10008.1.20.1";

	/**
	 * The well-known SOP Instance of the Storage Commitment Push Model (PS3.4 §J.3.5).
	 */
	public static final String STORAGE_COMMITMENT_PUSH_MODEL_INSTANCE = "1.2.840.10008.1.20.1.1";

	/**
	 * Storage SOP classes a C-GET SCU proposes by default (PS3.4 Table B.5-1, a common
	 * subset).
	 */
	public static final java.util.List<String> COMMON_STORAGE = java.util.List.of("1.2.840.10008.5.1.4.1.1.1",
			"1.2.840.10008.5.1.4.1.1.1.1", "1.2.840.10008.5.1.4.1.1.1.2", CT_IMAGE_STORAGE,
			"1.2.840.10008.5.1.4.1.1.2.1", MR_IMAGE_STORAGE, "1.2.840.10008.5.1.4.1.1.4.1",
			"1.2.840.10008.5.1.4.1.1.6.1", SECONDARY_CAPTURE_IMAGE_STORAGE, "1.2.840.10008.5.1.4.1.1.12.1",
			"1.2.840.10008.5.1.4.1.1.20", "1.2.840.10008.5.1.4.1.1.128", "1.2.840.10008.5.1.4.1.1.481.1",
			"1.2.840.10008.5.1.4.1.1.481.2", "1.2.840.10008.5.1.4.1.1.481.3", "1.2.840.10008.5.1.4.1.1.88.11",
			"1.2.840.10008.5.1.4.1.1.88.22", "1.2.840.10008.5.1.4.1.1.88.33", "1.2.840.10008.5.1.4.1.1.104.1",
			"1.2.840.10008.5.1.4.1.1.11.1");

	private Uid() {
	}

	public static boolean isStorage(String sopClassUid) {
		return sopClassUid != null && sopClassUid.startsWith(STORAGE_ROOT);
	}

}
