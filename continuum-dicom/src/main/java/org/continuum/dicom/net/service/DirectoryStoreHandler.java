package org.continuum.dicom.net.service;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.continuum.dicom.io.DicomOutputStream;
import org.continuum.dicom.net.Status;

/**
 * Writes each received instance as a Part 10 file {@code <SOP Instance UID>.dcm} in one directory (PS3.10 §7):
 * File Meta Information, then the data set bytes exactly as received, with no decoding. The file appears under
 * its final name only when complete (write, optional fsync, rename), so a Success status never points to a
 * partial file; with {@code fsync} the data is on disk before Success is sent.
 */
public final class DirectoryStoreHandler implements StoreHandler {

    private static final int BUFFER = 1 << 16;
    private final Path directory;
    private final boolean fsync;

    public DirectoryStoreHandler(Path directory, boolean fsync) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.fsync = fsync;
    }

    @Override
    public Status store(StoreRequest request) throws IOException, DimseException {
        String uid = request.sopInstanceUid();
        if (uid == null || uid.isEmpty() || uid.length() > 64 || !uid.matches("[0-9.]+")) {
            throw new DimseException(Status.CANNOT_UNDERSTAND, "invalid Affected SOP Instance UID");
        }
        Path target = directory.resolve(uid + ".dcm");
        Path partial = directory.resolve(uid + ".dcm.part");
        try (FileOutputStream file = new FileOutputStream(partial.toFile())) {
            var out = new DicomOutputStream(new BufferedOutputStream(file, BUFFER));
            out.writeFileMetaInformation(DicomOutputStream.createFileMetaInformation(request.sopClassUid(), uid,
                    request.transferSyntax()));
            byte[] buf = new byte[BUFFER];
            InputStream in = request.dataSet();
            int n;
            while ((n = in.read(buf)) > 0) {
                out.writeRaw(buf, 0, n);
            }
            out.flush();
            if (fsync) {
                file.getFD().sync();
            }
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return Status.SUCCESS;
    }
}
