package org.continuum.dicom.data;

/**
 * SOP Class UIDs this library's services use (PS3.6 Annex A, PS3.4 Annexes A, B, C, K). Hand-written: dcmtk's
 * dictionary carries attributes, not UIDs. Storage SOP classes are recognised by their common root instead of
 * a list, so that new IODs are stored without a library update.
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

    private Uid() {
    }

    public static boolean isStorage(String sopClassUid) {
        return sopClassUid != null && sopClassUid.startsWith(STORAGE_ROOT);
    }
}
