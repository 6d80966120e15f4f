package continuum.imaging.dicomweb;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.io.TransferSyntax;
import org.springframework.http.HttpStatus;

/**
 * Renders one frame for display (PS3.18 §8.3.5.1, the grayscale pipeline of PS3.3 §C.11):
 * stored values, the Modality LUT as Rescale Slope and Intercept, the VOI window (the
 * request's, else the object's first Window Center/Width, else the frame's range),
 * MONOCHROME1 inverted; RGB shown as it is. Baseline JPEG frames are decoded by ImageIO;
 * other compressed frames cannot be rendered here (406).
 */
final class FrameRenderer {

	private FrameRenderer() {
	}

	static BufferedImage render(PixelFrames.Frames frames, Rendering rendering) throws IOException {
		Attributes a = frames.header();
		byte[] frame = frames.frames().get(0);
		BufferedImage image;
		if (frames.encapsulated()) {
			if (!TransferSyntax.JPEG_BASELINE_8BIT.uid().equals(frames.transferSyntaxUid())) {
				throw DicomWebException.notAcceptable(
						"frames in transfer syntax " + frames.transferSyntaxUid() + " cannot be rendered here");
			}
			image = ImageIO.read(new ByteArrayInputStream(frame));
			if (image == null) {
				throw DicomWebException.notAcceptable("the JPEG frame cannot be decoded");
			}
		}
		else if (a.getInt(Tag.SamplesPerPixel, 1) == 3) {
			image = rgb(a, frame);
		}
		else {
			image = grayscale(a, frame, rendering);
		}
		return fit(image, rendering.viewport());
	}

	private static BufferedImage grayscale(Attributes a, byte[] frame, Rendering rendering) {
		int rows = a.getInt(Tag.Rows, 0);
		int columns = a.getInt(Tag.Columns, 0);
		int bits = a.getInt(Tag.BitsAllocated, 16);
		int stored = a.getInt(Tag.BitsStored, bits);
		boolean signed = a.getInt(Tag.PixelRepresentation, 0) == 1;
		double slope = first(a.getDoubles(Tag.RescaleSlope), 1);
		double intercept = first(a.getDoubles(Tag.RescaleIntercept), 0);
		int count = rows * columns;
		double[] values = new double[count];
		ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
		double min = Double.MAX_VALUE;
		double max = -Double.MAX_VALUE;
		int mask = stored >= 32 ? -1 : (1 << stored) - 1;
		for (int i = 0; i < count; i++) {
			int raw = bits == 8 ? b.get(i) & 0xFF : bits == 16 ? b.getShort(2 * i) & 0xFFFF : b.getInt(4 * i);
			raw &= mask;
			if (signed && stored < 32 && (raw & (1 << (stored - 1))) != 0) {
				raw -= 1 << stored;
			}
			double v = raw * slope + intercept;
			values[i] = v;
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		Rendering.Window window = rendering.window();
		if (window == null) {
			double[] centers = a.getDoubles(Tag.WindowCenter);
			double[] widths = a.getDoubles(Tag.WindowWidth);
			window = centers.length > 0 && widths.length > 0 && widths[0] >= 1
					? new Rendering.Window(centers[0], widths[0], "linear")
					: new Rendering.Window((min + max) / 2, Math.max(1, max - min), "linear-exact");
		}
		boolean invert = "MONOCHROME1".equals(a.getString(Tag.PhotometricInterpretation));
		BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_BYTE_GRAY);
		byte[] out = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
		for (int i = 0; i < count; i++) {
			int y = voi(values[i], window);
			out[i] = (byte) (invert ? 255 - y : y);
		}
		return image;
	}

	/** The VOI LUT function (PS3.3 §C.11.2.1.2) to 0..255. */
	static int voi(double x, Rendering.Window w) {
		double c = w.center();
		double width = w.width();
		double y;
		switch (w.function()) {
			case "linear-exact" -> y = ((x - c) / width + 0.5) * 255;
			case "sigmoid" -> y = 255 / (1 + Math.exp(-4 * (x - c) / width));
			default -> {
				if (x <= c - 0.5 - (width - 1) / 2) {
					y = 0;
				}
				else if (x > c - 0.5 + (width - 1) / 2) {
					y = 255;
				}
				else {
					y = ((x - (c - 0.5)) / (width - 1) + 0.5) * 255;
				}
			}
		}
		return (int) Math.round(Math.max(0, Math.min(255, y)));
	}

	private static BufferedImage rgb(Attributes a, byte[] frame) {
		String photometric = a.getString(Tag.PhotometricInterpretation, "RGB");
		if (!"RGB".equals(photometric) || a.getInt(Tag.BitsAllocated, 8) != 8) {
			throw DicomWebException.notAcceptable(photometric + " colour pixel data cannot be rendered here");
		}
		int rows = a.getInt(Tag.Rows, 0);
		int columns = a.getInt(Tag.Columns, 0);
		boolean planar = a.getInt(Tag.PlanarConfiguration, 0) == 1;
		int count = rows * columns;
		BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_INT_RGB);
		for (int i = 0; i < count; i++) {
			int r = (planar ? frame[i] : frame[3 * i]) & 0xFF;
			int g = (planar ? frame[count + i] : frame[3 * i + 1]) & 0xFF;
			int bl = (planar ? frame[2 * count + i] : frame[3 * i + 2]) & 0xFF;
			image.setRGB(i % columns, i / columns, r << 16 | g << 8 | bl);
		}
		return image;
	}

	/**
	 * The source region, scaled to fit the viewport with its aspect ratio kept (PS3.18
	 * §8.3.5.1.3).
	 */
	private static BufferedImage fit(BufferedImage image, Rendering.Viewport viewport) {
		if (viewport == null) {
			return image;
		}
		BufferedImage source = image;
		if (viewport.hasRegion()) {
			int x = Math.min(viewport.sx(), image.getWidth() - 1);
			int y = Math.min(viewport.sy(), image.getHeight() - 1);
			source = image.getSubimage(x, y, Math.min(viewport.sw(), image.getWidth() - x),
					Math.min(viewport.sh(), image.getHeight() - y));
		}
		double scale = Math.min((double) viewport.width() / source.getWidth(),
				(double) viewport.height() / source.getHeight());
		int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
		int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
		BufferedImage scaled = new BufferedImage(w, h, source.getType() == BufferedImage.TYPE_BYTE_GRAY
				? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
		Graphics2D g = scaled.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.drawImage(source, 0, 0, w, h, null);
		g.dispose();
		return scaled;
	}

	/** Writes the image as {@code jpeg} (at the quality asked) or {@code png}. */
	static void write(BufferedImage image, String format, int quality, OutputStream out) throws IOException {
		ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
		try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
			writer.setOutput(stream);
			ImageWriteParam param = writer.getDefaultWriteParam();
			if (format.equals("jpeg")) {
				param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				param.setCompressionQuality(quality / 100f);
			}
			writer.write(null, new IIOImage(image, null, null), param);
		}
		finally {
			writer.dispose();
		}
	}

	private static double first(double[] values, double otherwise) {
		return values.length == 0 ? otherwise : values[0];
	}

}
