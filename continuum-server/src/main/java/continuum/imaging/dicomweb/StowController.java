package continuum.imaging.dicomweb;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import continuum.imaging.pacs.PacsStore;
import continuum.imaging.pacs.StoreOutcome;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Sequence;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.DicomInputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * STOW-RS (PS3.18 §10.5): {@code multipart/related; type="application/dicom"} parts, each
 * handed as it streams in to the PACS ingest the C-STORE SCP uses ({@link PacsStore}), so
 * with the same durability (file fsynced, index committed) and reconciliation. The answer
 * lists what was stored (ReferencedSOPSequence, with retrieve URLs) and what was not
 * (FailedSOPSequence with a Failure Reason): 200 when all were stored, 202 when some
 * failed or were stored with a warning, 409 when none was (PS3.18 §10.5.3). A body that
 * is not the multipart it declares is a 400, one larger than allowed a 413, another media
 * type a 415.
 */
@RestController
class StowController {

	/** Failure Reasons (PS3.18 Table 10.5.3-2, PS3.4 Annex B). */
	static final int CANNOT_UNDERSTAND = 0xC000;

	static final int STUDY_MISMATCH = 0xA900;

	static final int OUT_OF_RESOURCES = 0xA700;

	/** What the index records as the source of objects stored over STOW-RS. */
	static final String SOURCE = "STOW-RS";

	private static final int HEADER_LIMIT = 4 * 1024 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PacsStore ingest;

	private final StudyAccess access;

	private final DicomWebSettings settings;

	StowController(PacsStore ingest, StudyAccess access, DicomWebSettings settings) {
		this.ingest = ingest;
		this.access = access;
		this.settings = settings;
	}

	@PostMapping({ "/dicomweb/studies", "/dicomweb/studies/{study}" })
	void store(@PathVariable(required = false) @Nullable String study, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		access.requireStore();
		String boundary = boundary(request.getContentType());
		long limit = settings.maxStoreRequestSize().toBytes();
		if (request.getContentLengthLong() > limit) {
			throw new DicomWebException(HttpStatus.CONTENT_TOO_LARGE,
					"the request is larger than the " + settings.maxStoreRequestSize() + " allowed");
		}
		List<Attributes> stored = new ArrayList<>();
		List<Attributes> failed = new ArrayList<>();
		boolean warned = false;
		try (InputStream body = new LimitedInputStream(request.getInputStream(), limit)) {
			MultipartReader reader = new MultipartReader(body, boundary);
			MultipartReader.Part part;
			String base = MediaTypes.base(request);
			while ((part = reader.next()) != null) {
				if (!part.contentType().toLowerCase(java.util.Locale.ROOT).startsWith(MediaTypes.DICOM)) {
					failed.add(reference(null, null, CANNOT_UNDERSTAND));
					continue;
				}
				BufferedInputStream object = new BufferedInputStream(part.body(), 64 * 1024);
				object.mark(HEADER_LIMIT);
				Attributes header = header(object);
				if (header == null) {
					failed.add(reference(null, null, CANNOT_UNDERSTAND));
					continue;
				}
				String studyUid = header.getString(Tag.StudyInstanceUID);
				if (study != null && !study.equals(studyUid)) {
					failed.add(reference(header.getString(Tag.SOPClassUID), header.getString(Tag.SOPInstanceUID),
							STUDY_MISMATCH));
					continue;
				}
				object.reset();
				StoreOutcome outcome;
				try {
					outcome = ingest.storePart10(object, SOURCE);
				}
				catch (MultipartReader.MalformedMultipartException | LimitedInputStream.LimitExceededException ex) {
					throw ex;
				}
				catch (IOException ex) {
					// The ingest kept nothing (a full disk, a failed write); the parts
					// after it
					// are still offered.
					failed.add(reference(header.getString(Tag.SOPClassUID), header.getString(Tag.SOPInstanceUID),
							OUT_OF_RESOURCES));
					continue;
				}
				if (!outcome.held()) {
					failed.add(reference(outcome.sopClassUid(), outcome.sopInstanceUid(), outcome.status()));
				}
				else {
					boolean warning = (outcome.status() & 0xF000) == 0xB000;
					warned |= warning;
					Attributes item = reference(outcome.sopClassUid(), outcome.sopInstanceUid(), null);
					item.setString(Tag.RetrieveURL, VR.UR, base + "/studies/" + studyUid + "/series/"
							+ header.getString(Tag.SeriesInstanceUID) + "/instances/" + outcome.sopInstanceUid());
					if (warning) {
						item.setInt(Tag.WarningReason, VR.US, outcome.status());
					}
					stored.add(item);
				}
			}
		}
		catch (MultipartReader.MalformedMultipartException ex) {
			throw DicomWebException
				.badRequest(ex.getMessage() + "; " + stored.size() + " object(s) before it were stored");
		}
		catch (LimitedInputStream.LimitExceededException ex) {
			throw new DicomWebException(HttpStatus.CONTENT_TOO_LARGE,
					"the request is larger than the " + settings.maxStoreRequestSize() + " allowed; " + stored.size()
							+ " object(s) before the limit were stored");
		}
		if (stored.isEmpty() && failed.isEmpty()) {
			throw DicomWebException.badRequest("the request holds no part");
		}
		response.setStatus(stored.isEmpty() ? 409 : failed.isEmpty() && !warned ? 200 : 202);
		response.setContentType(DicomJson.MEDIA_TYPE);
		Attributes answer = new Attributes();
		if (study != null) {
			answer.setString(Tag.RetrieveURL, VR.UR, MediaTypes.base(request) + "/studies/" + study);
		}
		fill(answer.newSequence(Tag.FailedSOPSequence), failed);
		fill(answer.newSequence(Tag.ReferencedSOPSequence), stored);
		try (OutputStream out = response.getOutputStream(); JsonGenerator json = JSON.createGenerator(out)) {
			DicomJson.write(json, answer, tag -> null);
		}
	}

	/** The part's data set up to Pixel Data, or null if it is no Part 10 object. */
	private static @Nullable Attributes header(BufferedInputStream object) {
		try {
			// The reader buffers ahead on its own, so that the mark on the part stays
			// ours.
			DicomInputStream dis = DicomInputStream.openFile(new FilterInputStream(object) {
				@Override
				public boolean markSupported() {
					return false;
				}
			});
			Attributes header = dis.readDatasetUntil(Tag.PixelData);
			return header.getString(Tag.SOPInstanceUID) == null ? null : header;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static Attributes reference(@Nullable String sopClass, @Nullable String sopInstance,
			@Nullable Integer failureReason) {
		Attributes item = new Attributes();
		if (sopClass != null) {
			item.setString(Tag.ReferencedSOPClassUID, VR.UI, sopClass);
		}
		if (sopInstance != null) {
			item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, sopInstance);
		}
		if (failureReason != null) {
			item.setInt(Tag.FailureReason, VR.US, failureReason);
		}
		return item;
	}

	private static void fill(Sequence sequence, List<Attributes> items) {
		items.forEach(sequence::add);
	}

	/**
	 * The boundary of a {@code multipart/related} request whose parts are DICOM objects;
	 * 415 for anything else.
	 */
	private static String boundary(@Nullable String contentType) {
		try {
			MediaType type = contentType == null ? null : MediaType.parseMediaType(contentType);
			String part = type == null ? null : type.getParameter("type");
			if (part != null) {
				part = part.replace("\"", "");
			}
			if (type == null || !type.getType().equals("multipart") || !type.getSubtype().equals("related")
					|| (part != null && !part.equalsIgnoreCase(MediaTypes.DICOM))) {
				throw new DicomWebException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
						"STOW-RS takes multipart/related; type=\"application/dicom\" here");
			}
			String boundary = type.getParameter("boundary");
			if (boundary == null || boundary.isBlank()) {
				throw DicomWebException.badRequest("the multipart/related request has no boundary");
			}
			return boundary.replace("\"", "");
		}
		catch (InvalidMediaTypeException ex) {
			throw DicomWebException.badRequest("the Content-Type cannot be read as a media type");
		}
	}

}
