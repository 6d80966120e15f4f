package org.continuum.dicom.tool;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.DataElement;
import org.continuum.dicom.data.ElementDictionary;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Tags;
import org.continuum.dicom.io.DicomInputStream;

/**
 * {@code dump}: prints a Part 10 file's meta information and data set, one element per
 * line (PS3.10 §7).
 */
final class DumpCommand implements Command {

	@Override
	public String name() {
		return "dump";
	}

	@Override
	public String help() {
		return """
				usage: dump [--no-pixels] FILE...
				Prints tag, VR, keyword and value of every element; sequences are indented.

				  --no-pixels   stop before Pixel Data (reads only the header of large files)
				""";
	}

	@Override
	public int run(String[] args) throws Exception {
		Options o = new Options(args, Set.of(), Set.of("no-pixels"));
		if (o.positional().isEmpty()) {
			throw new UsageException("no files given");
		}
		for (String name : o.positional()) {
			try (InputStream in = Files.newInputStream(Path.of(name)); var dis = DicomInputStream.openFile(in)) {
				System.out.println("# " + name + " (" + dis.transferSyntaxUid() + ")");
				Attributes fmi = dis.fileMetaInformation();
				if (fmi != null) {
					print(fmi, "");
				}
				print(o.has("no-pixels") ? dis.readDatasetUntil(Tag.PixelData) : dis.readDataset(), "");
			}
		}
		return EXIT_OK;
	}

	private static void print(Attributes ds, String indent) {
		for (DataElement e : ds) {
			String keyword = ElementDictionary.standard().keywordOf(e.tag()).orElse("?");
			String head = indent + Tags.toString(e.tag()) + " " + e.vr() + " " + keyword;
			if (e.isSequence()) {
				System.out.println(head + " (" + e.sequence().size() + " items)");
				for (Attributes item : e.sequence()) {
					System.out.println(indent + "  > item");
					print(item, indent + "    ");
				}
			}
			else if (e.isFragments()) {
				System.out.println(head + " (" + e.fragments().size() + " fragments)");
			}
			else if (e.vr().isString() || e.vr().valueSize() > 1 && e.bytes().length <= 64) {
				System.out.println(head + " [" + String.join("\\", ds.getStrings(e.tag())) + "]");
			}
			else {
				System.out.println(head + " (" + e.bytes().length + " bytes)");
			}
		}
	}

}
