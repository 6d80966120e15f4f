package continuum.imaging.pacs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.UidGenerator;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.DicomOutputStream;
import org.continuum.dicom.io.TransferSyntax;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * DICOM objects built in the test (no binary fixtures) and the RIS rows a reconciliation
 * needs: an order's requested procedure for a patient, with its accession number.
 */
public final class PacsFixtures {

	private static final UidGenerator UIDS = UidGenerator.uuidBased();

	private static final AtomicInteger ACCESSIONS = new AtomicInteger((int) (System.nanoTime() % 1_000_000));

	private PacsFixtures() {
	}

	public static String uid() {
		return UIDS.next();
	}

	/** A requested procedure the RIS has for the patient. */
	public record Ordered(long requestedProcedureId, String accessionNumber, String studyInstanceUid) {
	}

	/**
	 * Inserts an order with one requested procedure for the patient (RIS tables, V450).
	 */
	public static Ordered order(JdbcClient jdbc, long patientId) {
		jdbc.sql("""
				insert into imaging_procedure (code, coding_scheme, display, modality, body_part, duration_minutes)
				values ('TESTCTHEAD', 'LOCAL', 'CT head (test)', 'CT', 'HEAD', 15) on conflict do nothing""").update();
		String accession = "T" + ACCESSIONS.incrementAndGet() + (System.nanoTime() % 10_000);
		long order = jdbc.sql("""
				insert into imaging_order (placer_number, placer_application, patient_id, priority, status, ordered_by,
				                           ordered_at, updated_at)
				values (:placer, 'TEST', :patient, 'ROUTINE', 'ACTIVE', 'physician', :now, :now) returning id""")
			.param("placer", accession)
			.param("patient", patientId)
			.param("now", java.sql.Timestamp.from(Instant.now()))
			.query(Long.class)
			.single();
		String study = uid();
		long rp = jdbc.sql("""
				insert into imaging_requested_procedure (order_id, patient_id, procedure_code, accession_number,
				                                         requested_procedure_id, study_instance_uid, status, updated_at)
				values (:order, :patient, 'TESTCTHEAD', :accession, :accession, :study, 'SCHEDULED', :now)
				returning id""")
			.param("order", order)
			.param("patient", patientId)
			.param("accession", accession)
			.param("study", study)
			.param("now", java.sql.Timestamp.from(Instant.now()))
			.query(Long.class)
			.single();
		return new Ordered(rp, accession, study);
	}

	/** A CT image of {@code pixelBytes} bytes of pixel data (16 bits allocated). */
	public static Attributes ct(String patientId, String accession, String study, String series, String sop,
			int pixelBytes) {
		Attributes ds = new Attributes();
		ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
		ds.setString(Tag.SOPClassUID, VR.UI, Uid.CT_IMAGE_STORAGE);
		ds.setString(Tag.SOPInstanceUID, VR.UI, sop);
		ds.setString(Tag.StudyDate, VR.DA, "20261205");
		ds.setString(Tag.StudyTime, VR.TM, "093000");
		ds.setString(Tag.AccessionNumber, VR.SH, accession);
		ds.setString(Tag.Modality, VR.CS, "CT");
		ds.setString(Tag.ReferringPhysicianName, VR.PN, "Peeters^Jan");
		ds.setString(Tag.StudyDescription, VR.LO, "CT head");
		ds.setString(Tag.PatientName, VR.PN, "Test^Hélène");
		ds.setString(Tag.PatientID, VR.LO, patientId);
		ds.setString(Tag.PatientBirthDate, VR.DA, "19700101");
		ds.setString(Tag.PatientSex, VR.CS, "F");
		ds.setString(Tag.StudyInstanceUID, VR.UI, study);
		ds.setString(Tag.SeriesInstanceUID, VR.UI, series);
		ds.setString(Tag.StudyID, VR.SH, "1");
		ds.setString(Tag.SeriesNumber, VR.IS, "1");
		ds.setString(Tag.InstanceNumber, VR.IS, "1");
		ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
		ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
		int side = (int) Math.max(1, Math.sqrt(pixelBytes / 2.0));
		ds.setInt(Tag.Rows, VR.US, side);
		ds.setInt(Tag.Columns, VR.US, side);
		ds.setInt(Tag.BitsAllocated, VR.US, 16);
		ds.setInt(Tag.BitsStored, VR.US, 12);
		ds.setInt(Tag.HighBit, VR.US, 11);
		ds.setInt(Tag.PixelRepresentation, VR.US, 0);
		byte[] pixels = new byte[side * side * 2];
		for (int i = 0; i < pixels.length; i++) {
			pixels[i] = (byte) (i * 31 + sop.hashCode());
		}
		ds.setBytes(Tag.PixelData, VR.OW, pixels);
		return ds;
	}

	/** The data set in Explicit VR Little Endian, as a C-STORE carries it. */
	public static byte[] encode(Attributes ds) throws IOException {
		var bytes = new ByteArrayOutputStream();
		var out = new DicomOutputStream(bytes);
		out.useTransferSyntax(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
		out.writeDataset(ds);
		out.flush();
		return bytes.toByteArray();
	}

	/** Writes the object as a Part 10 file in Explicit VR Little Endian. */
	public static Path writeFile(Path folder, Attributes ds) throws IOException {
		Path file = folder.resolve(ds.getString(Tag.SOPInstanceUID) + ".dcm");
		try (OutputStream stream = Files.newOutputStream(file)) {
			var out = new DicomOutputStream(stream);
			out.writeFileMetaInformation(DicomOutputStream.createFileMetaInformation(ds.getString(Tag.SOPClassUID),
					ds.getString(Tag.SOPInstanceUID), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()));
			out.useTransferSyntax(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
			out.writeDataset(ds);
			out.flush();
		}
		return file;
	}

}
