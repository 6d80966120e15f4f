package continuum.imaging.dicomweb;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Content negotiation of DICOMweb (PS3.18 §8.7): what an {@code Accept} header lets us
 * answer, the {@code Warning} header's form, and the base URL of the service.
 */
final class MediaTypes {

	static final MediaType DICOM_JSON = MediaType.parseMediaType(DicomJson.MEDIA_TYPE);

	private MediaTypes() {
	}

	/** The Accept header, parsed; {@code *}{@code /*} when absent. */
	static List<MediaType> accepted(@Nullable String accept) {
		if (accept == null || accept.isBlank()) {
			return List.of(MediaType.ALL);
		}
		try {
			List<MediaType> types = MediaType.parseMediaTypes(accept);
			return types;
		}
		catch (InvalidMediaTypeException ex) {
			throw DicomWebException.badRequest("the Accept header cannot be read as a list of media types");
		}
	}

	/** 406 unless DICOM JSON (or plain JSON) is acceptable. */
	static void requireJson(@Nullable String accept) {
		for (MediaType type : accepted(accept)) {
			if (type.includes(DICOM_JSON) || type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
				return;
			}
		}
		throw DicomWebException.notAcceptable("this resource is available as " + DicomJson.MEDIA_TYPE + " only");
	}

	/** A {@code Warning} header value (RFC 7234 §5.5, code 299 as PS3.18 uses it). */
	static String warning(String text) {
		return "299 continuum \"" + text.replace("\"", "'") + "\"";
	}

	/** The service's base URL as the client reached it, ending in {@code /dicomweb}. */
	static String base(HttpServletRequest request) {
		return ServletUriComponentsBuilder.fromContextPath(request).path("/dicomweb").build().toUriString();
	}

	static final String DICOM = "application/dicom";

	static final String OCTET_STREAM = "application/octet-stream";

	/**
	 * Whether the Accept header lets us send Part 10 objects as stored, in
	 * {@code multipart/related; type="application/dicom"} (PS3.18 §8.7.3.5.2): a
	 * {@code transfer-syntax} parameter must be {@code *} or that of every object, since
	 * objects are not transcoded.
	 */
	static void requireDicom(@Nullable String accept, java.util.Collection<String> storedSyntaxes) {
		for (MediaType type : accepted(accept)) {
			if (type.isWildcardType() || (type.getType().equals("multipart")
					&& (type.isWildcardSubtype() || type.getSubtype().equals("related") && partTypeIs(type, DICOM)))
					|| type.toString().startsWith(DICOM)) {
				String syntax = unquote(type.getParameter("transfer-syntax"));
				if (syntax == null || syntax.equals("*")
						|| storedSyntaxes.stream().allMatch(stored -> stored.equals(syntax))) {
					return;
				}
			}
		}
		throw notAcceptable("objects are served in multipart/related; type=\"application/dicom\" in the transfer "
				+ "syntax they were stored in (" + String.join(", ", new java.util.TreeSet<>(storedSyntaxes)) + ")");
	}

	/**
	 * The media type of a frame's bytes (PS3.18 §8.7.3.5.3, Table 8.7.3-5): octet-stream
	 * for native pixel data, the compressed bit stream's own type otherwise; 406 unless
	 * the Accept header lets it through.
	 */
	static String requireFrameType(@Nullable String accept, String transferSyntaxUid, boolean encapsulated) {
		String partType = encapsulated ? compressedType(transferSyntaxUid) : OCTET_STREAM;
		for (MediaType type : accepted(accept)) {
			if (type.isWildcardType() || (type.getType().equals("multipart")
					&& (type.isWildcardSubtype() || partTypeIs(type, partType) || partTypeIs(type, null)))) {
				return partType;
			}
		}
		throw notAcceptable("the frames of this instance are available as multipart/related; type=\"" + partType
				+ "\" only" + (encapsulated ? " (compressed frames are not decompressed)" : ""));
	}

	/** {@code jpeg} or {@code png}, the first of them the Accept header allows. */
	static String requireImage(@Nullable String accept) {
		for (MediaType type : accepted(accept)) {
			if (type.isWildcardType() || type.getType().equals("image") && type.isWildcardSubtype()
					|| type.isCompatibleWith(MediaType.IMAGE_JPEG)) {
				return "jpeg";
			}
			if (type.isCompatibleWith(MediaType.IMAGE_PNG)) {
				return "png";
			}
		}
		throw notAcceptable("rendered images are available as image/jpeg and image/png");
	}

	private static String compressedType(String transferSyntaxUid) {
		return switch (transferSyntaxUid) {
			case "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57",
					"1.2.840.10008.1.2.4.70" ->
				"image/jpeg";
			case "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81" -> "image/jls";
			case "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91" -> "image/jp2";
			case "1.2.840.10008.1.2.5" -> "image/dicom-rle";
			default -> OCTET_STREAM;
		};
	}

	/**
	 * Whether a multipart type's {@code type} parameter names {@code partType} (or is
	 * absent, for null).
	 */
	private static boolean partTypeIs(MediaType type, @Nullable String partType) {
		String part = unquote(type.getParameter("type"));
		return partType == null ? part == null : part == null || part.equalsIgnoreCase(partType);
	}

	private static @Nullable String unquote(@Nullable String value) {
		if (value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			return value.substring(1, value.length() - 1);
		}
		return value;
	}

	private static DicomWebException notAcceptable(String message) {
		return DicomWebException.notAcceptable(message);
	}

}
