package continuum.imaging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.DicomOutputStream;
import org.continuum.dicom.io.TransferSyntax;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The MPPS instances the SCP keeps ({@code V452}): each one's attributes as a data set in
 * Explicit VR Little Endian, its status and the step it performs.
 */
@Repository
class PerformedStepRepository {

	/**
	 * A stored instance: the step it performs (null if unscheduled) and its attributes.
	 */
	record Stored(@Nullable Long step, Attributes attributes) {
	}

	private final JdbcClient jdbc;

	PerformedStepRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Stored> lock(String sopInstanceUid) {
		return jdbc.sql(
				"select procedure_step_id, attributes from imaging_performed_step where sop_instance_uid = ? for update")
			.param(sopInstanceUid)
			.query((rs, n) -> new Stored((Long) rs.getObject("procedure_step_id", Long.class),
					decode(rs.getBytes("attributes"))))
			.optional();
	}

	void insert(String sopInstanceUid, @Nullable Long step, String status, String callingAe, Attributes attributes,
			Instant now) {
		jdbc.sql("""
				insert into imaging_performed_step (sop_instance_uid, procedure_step_id, status, calling_ae_title,
				       attributes, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(sopInstanceUid, step, status, callingAe, encode(attributes), Timestamp.from(now),
					Timestamp.from(now))
			.update();
	}

	void update(String sopInstanceUid, String status, Attributes attributes, Instant now) {
		jdbc.sql("""
				update imaging_performed_step set status = ?, attributes = ?, updated_at = ?
				where sop_instance_uid = ?""")
			.params(status, encode(attributes), Timestamp.from(now), sopInstanceUid)
			.update();
	}

	private static byte[] encode(Attributes attributes) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DicomOutputStream out = new DicomOutputStream(bytes)) {
			out.useTransferSyntax(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
			out.writeDataset(attributes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("An MPPS data set could not be encoded", ex);
		}
		return bytes.toByteArray();
	}

	private static Attributes decode(byte[] bytes) {
		try (DicomInputStream in = DicomInputStream.forDataset(new ByteArrayInputStream(bytes),
				TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())) {
			return in.readDataset();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("A stored MPPS data set could not be read", ex);
		}
	}

}
