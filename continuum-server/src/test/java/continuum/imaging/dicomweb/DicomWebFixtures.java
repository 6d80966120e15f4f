package continuum.imaging.dicomweb;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import continuum.imaging.pacs.MatchForm;
import continuum.imaging.pacs.PacsStore;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.UidGenerator;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.DicomOutputStream;
import org.continuum.dicom.io.TransferSyntax;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Test data for DICOMweb until the PACS ingest is there to store it: CT series built in
 * the test (a gradient per slice, 16-bit signed with a rescale of -1024), written as Part
 * 10 files where the PACS keeps them and indexed by plain rows in its tables.
 */
@Component
class DicomWebFixtures {

	static final String CT = "1.2.840.10008.5.1.4.1.1.2";

	/** A study of the fixture: its UIDs, the patient and the files. */
	record Study(String studyUid, long patientId, String dicomPatientId, List<String> seriesUids,
			List<String> instanceUids, List<Path> files) {
	}

	private static final UidGenerator UIDS = UidGenerator.uuidBased();

	private final JdbcClient jdbc;

	private final PacsStore store;

	DicomWebFixtures(JdbcClient jdbc, PacsStore store) {
		this.jdbc = jdbc;
		this.store = store;
	}

	/** A patient of the demo hospital, by its position among patients. */
	long demoPatient(int offset) {
		return jdbc.sql("select id from patient order by id offset :o limit 1")
			.param("o", offset)
			.query(Long.class)
			.single();
	}

	/**
	 * A CT study of {@code series} series of {@code slices} slices each, 64×64, for the
	 * patient; status RECONCILED or QUARANTINED.
	 */
	Study ctStudy(long patientId, String name, LocalDate date, String accession, int series, int slices, String status)
			throws Exception {
		String dicomPatientId = "MRN" + patientId;
		String studyUid = UIDS.next();
		long pacsPatient = jdbc.sql("""
				insert into pacs_patient (dicom_patient_id, issuer, patient_name, patient_name_match, birth_date, sex,
				                          patient_id, updated_at)
				values (:pid, '', :name, :match, date '1960-02-29', 'F', :patient, now())
				on conflict (dicom_patient_id, issuer) do update set updated_at = now()
				returning id""")
			.param("pid", dicomPatientId)
			.param("name", name)
			.param("match", MatchForm.of(name))
			.param("patient", patientId)
			.query(Long.class)
			.single();
		long study = jdbc.sql("""
				insert into pacs_study (study_instance_uid, pacs_patient_id, patient_id, study_date, study_time,
				    accession_number, study_id, study_description, referring_physician, referring_physician_match,
				    modalities, sop_classes, series_count, instance_count, status, created_at, updated_at)
				values (:uid, :pp, :patient, :date, :time, :acc, '1', 'CT THORAX', 'Peeters^An', 'PEETERS^AN',
				        '{CT}', :sop, :series, :instances, :status, now(), now())
				returning id""")
			.param("uid", studyUid)
			.param("pp", pacsPatient)
			.param("patient", patientId)
			.param("date", date)
			.param("time", LocalTime.of(9, 30))
			.param("acc", accession)
			.param("sop", new String[] { CT })
			.param("series", series)
			.param("instances", series * slices)
			.param("status", status)
			.query(Long.class)
			.single();
		List<String> seriesUids = new ArrayList<>();
		List<String> instanceUids = new ArrayList<>();
		List<Path> files = new ArrayList<>();
		for (int s = 1; s <= series; s++) {
			String seriesUid = UIDS.next();
			seriesUids.add(seriesUid);
			long seriesId = jdbc.sql("""
					insert into pacs_series (series_instance_uid, study_id, modality, series_number, series_description,
					                         body_part, instance_count, updated_at)
					values (:uid, :study, 'CT', :n, :desc, 'CHEST', :count, now()) returning id""")
				.param("uid", seriesUid)
				.param("study", study)
				.param("n", s)
				.param("desc", "Axial " + s)
				.param("count", slices)
				.query(Long.class)
				.single();
			for (int i = 1; i <= slices; i++) {
				String sopUid = UIDS.next();
				instanceUids.add(sopUid);
				Attributes ds = ctSlice(dicomPatientId, name, studyUid, seriesUid, sopUid, date, accession, s, i);
				String relative = studyUid + "/" + seriesUid + "/" + sopUid + ".dcm";
				Path file = store.fileOf(relative);
				Files.createDirectories(file.getParent());
				write(ds, file);
				files.add(file);
				jdbc.sql("""
						insert into pacs_instance (sop_instance_uid, series_id, sop_class_uid, instance_number,
						    transfer_syntax_uid, number_of_frames, rows, columns, bits_allocated, file_path, file_size,
						    sha256, source_ae, received_at)
						values (:uid, :series, :sop, :n, :ts, 1, 64, 64, 16, :path, :size, :sha, 'TEST', :at)""")
					.param("uid", sopUid)
					.param("series", seriesId)
					.param("sop", CT)
					.param("n", i)
					.param("ts", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
					.param("path", relative)
					.param("size", Files.size(file))
					.param("sha", MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)))
					.param("at", java.sql.Timestamp.from(Instant.now()))
					.update();
			}
		}
		return new Study(studyUid, patientId, dicomPatientId, seriesUids, instanceUids, files);
	}

	/**
	 * A 64×64 CT slice: stored value {@code x * 16 + slice}, so Hounsfield units run from
	 * -1024 up; window 40/400.
	 */
	static Attributes ctSlice(String patientId, String name, String studyUid, String seriesUid, String sopUid,
			LocalDate date, @Nullable String accession, int seriesNumber, int slice) {
		Attributes ds = new Attributes();
		ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
		ds.setString(Tag.SOPClassUID, VR.UI, CT);
		ds.setString(Tag.SOPInstanceUID, VR.UI, sopUid);
		ds.setString(Tag.StudyDate, VR.DA, date.toString().replace("-", ""));
		if (accession != null) {
			ds.setString(Tag.AccessionNumber, VR.SH, accession);
		}
		ds.setString(Tag.Modality, VR.CS, "CT");
		ds.setString(Tag.PatientName, VR.PN, name);
		ds.setString(Tag.PatientID, VR.LO, patientId);
		ds.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
		ds.setString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
		ds.setString(Tag.SeriesNumber, VR.IS, Integer.toString(seriesNumber));
		ds.setString(Tag.InstanceNumber, VR.IS, Integer.toString(slice));
		ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
		ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
		ds.setInt(Tag.Rows, VR.US, 64);
		ds.setInt(Tag.Columns, VR.US, 64);
		ds.setInt(Tag.BitsAllocated, VR.US, 16);
		ds.setInt(Tag.BitsStored, VR.US, 12);
		ds.setInt(Tag.HighBit, VR.US, 11);
		ds.setInt(Tag.PixelRepresentation, VR.US, 0);
		ds.setString(Tag.WindowCenter, VR.DS, "40");
		ds.setString(Tag.WindowWidth, VR.DS, "400");
		ds.setString(Tag.RescaleIntercept, VR.DS, "-1024");
		ds.setString(Tag.RescaleSlope, VR.DS, "1");
		ds.setBytes(Tag.PixelData, VR.OW, pixels(slice));
		return ds;
	}

	static byte[] pixels(int slice) {
		ByteBuffer b = ByteBuffer.allocate(64 * 64 * 2).order(ByteOrder.LITTLE_ENDIAN);
		for (int y = 0; y < 64; y++) {
			for (int x = 0; x < 64; x++) {
				b.putShort((short) (x * 32 + slice));
			}
		}
		return b.array();
	}

	static void write(Attributes ds, Path file) throws IOException {
		try (OutputStream out = Files.newOutputStream(file); DicomOutputStream dos = new DicomOutputStream(out)) {
			dos.writeFileMetaInformation(DicomOutputStream.createFileMetaInformation(ds.getString(Tag.SOPClassUID),
					ds.getString(Tag.SOPInstanceUID), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()));
			dos.useTransferSyntax(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
			dos.writeDataset(ds);
		}
	}

	/** The data set as a Part 10 file's bytes, Explicit VR Little Endian. */
	static byte[] encode(Attributes ds) {
		try {
			java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
			try (DicomOutputStream dos = new DicomOutputStream(out)) {
				dos.writeFileMetaInformation(DicomOutputStream.createFileMetaInformation(ds.getString(Tag.SOPClassUID),
						ds.getString(Tag.SOPInstanceUID), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()));
				dos.useTransferSyntax(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
				dos.writeDataset(ds);
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** The data set of Part 10 bytes, without its File Meta Information. */
	static Attributes dataSet(byte[] part10) throws IOException {
		try (var in = org.continuum.dicom.io.DicomInputStream.openFile(new java.io.ByteArrayInputStream(part10))) {
			return in.readDataset();
		}
	}

}
