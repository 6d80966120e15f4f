package continuum.imaging.pacs;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.regex.Pattern;

import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.jspecify.annotations.Nullable;

/**
 * The attributes of one stored object that the index keeps (PS3.4 §C.6.1.1 and §C.6.2.1
 * keys of each level), read from the head of its data set. The four UIDs are Type 1 in
 * every composite IOD (SOP Common, General Study, General Series modules) and name the
 * object's folder, so they are checked to be UIDs (PS3.5 §9.1) before anything is
 * written.
 */
record IndexedObject(String sopClassUid, String sopInstanceUid, String studyInstanceUid, String seriesInstanceUid,
		String dicomPatientId, String issuer, @Nullable String patientName, @Nullable LocalDate birthDate,
		@Nullable String sex, @Nullable LocalDate studyDate, @Nullable LocalTime studyTime,
		@Nullable String accessionNumber, @Nullable String studyId, @Nullable String studyDescription,
		@Nullable String referringPhysician, @Nullable String modality, @Nullable Integer seriesNumber,
		@Nullable String seriesDescription, @Nullable String bodyPart, @Nullable String stationName,
		@Nullable LocalDate ppsStartDate, @Nullable LocalTime ppsStartTime, @Nullable Integer instanceNumber,
		@Nullable LocalDate contentDate, @Nullable LocalTime contentTime, @Nullable Integer numberOfFrames,
		@Nullable Integer rows, @Nullable Integer columns, @Nullable Integer bitsAllocated) {

	private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

	/**
	 * Reads the indexed attributes; a missing or malformed UID is a
	 * {@link StoreRefusedException} with status A900 (Data Set does not match SOP Class).
	 */
	static IndexedObject of(Attributes ds) throws StoreRefusedException {
		return new IndexedObject(uid(ds, Tag.SOPClassUID, "SOP Class UID"),
				uid(ds, Tag.SOPInstanceUID, "SOP Instance UID"), uid(ds, Tag.StudyInstanceUID, "Study Instance UID"),
				uid(ds, Tag.SeriesInstanceUID, "Series Instance UID"), clip(text(ds, Tag.PatientID), 64, ""),
				clip(text(ds, Tag.IssuerOfPatientID), 64, ""), clip(text(ds, Tag.PatientName), 324, null),
				DicomValues.date(text(ds, Tag.PatientBirthDate)), clip(text(ds, Tag.PatientSex), 16, null),
				DicomValues.date(text(ds, Tag.StudyDate)), DicomValues.time(text(ds, Tag.StudyTime)),
				clip(text(ds, Tag.AccessionNumber), 16, null), clip(text(ds, Tag.StudyID), 16, null),
				clip(text(ds, Tag.StudyDescription), 64, null), clip(text(ds, Tag.ReferringPhysicianName), 324, null),
				clip(text(ds, Tag.Modality), 16, null), DicomValues.integer(text(ds, Tag.SeriesNumber)),
				clip(text(ds, Tag.SeriesDescription), 64, null), clip(text(ds, Tag.BodyPartExamined), 16, null),
				clip(text(ds, Tag.StationName), 16, null),
				DicomValues.date(text(ds, Tag.PerformedProcedureStepStartDate)),
				DicomValues.time(text(ds, Tag.PerformedProcedureStepStartTime)),
				DicomValues.integer(text(ds, Tag.InstanceNumber)), DicomValues.date(text(ds, Tag.ContentDate)),
				DicomValues.time(text(ds, Tag.ContentTime)), DicomValues.integer(text(ds, Tag.NumberOfFrames)),
				positive(ds.getInt(Tag.Rows, -1)), positive(ds.getInt(Tag.Columns, -1)),
				positive(ds.getInt(Tag.BitsAllocated, -1)));
	}

	private static String uid(Attributes ds, int tag, String name) throws StoreRefusedException {
		String value = text(ds, tag);
		if (value == null || value.isEmpty()) {
			throw StoreRefusedException.dataSetDoesNotMatch("no " + name);
		}
		if (value.length() > 64 || !UID.matcher(value).matches()) {
			throw StoreRefusedException.dataSetDoesNotMatch("malformed " + name);
		}
		return value;
	}

	private static @Nullable String text(Attributes ds, int tag) {
		String value = ds.getString(tag);
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		return trimmed.isEmpty() ? null : trimmed;
	}

	private static @Nullable String clip(@Nullable String value, int length, @Nullable String absent) {
		if (value == null) {
			return absent;
		}
		return value.length() > length ? value.substring(0, length) : value;
	}

	private static @Nullable Integer positive(int value) {
		return value > 0 ? value : null;
	}

	@Nullable String patientNameMatch() {
		return MatchForm.of(patientName);
	}

	@Nullable String referringPhysicianMatch() {
		return MatchForm.of(referringPhysician);
	}

}
