package org.continuum.dicom.net.service;

import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * One received C-STORE (PS3.4 §B.2, PS3.7 §9.1.1): who sent it, what it is, and its data
 * set as a stream of {@code transferSyntax} (deflated data sets stay deflated). Read the
 * stream at most once.
 */
public record StoreRequest(String callingAeTitle, String calledAeTitle, @Nullable String sopClassUid,
		@Nullable String sopInstanceUid, String transferSyntax, InputStream dataSet) {
}
