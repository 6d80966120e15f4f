package org.continuum.dicom.net;

import org.jspecify.annotations.Nullable;

/** DIMSE-C command field values (PS3.7 §E.1, Table E.1-1). */
public enum CommandField {

	C_STORE_RQ(0x0001), C_STORE_RSP(0x8001), C_GET_RQ(0x0010), C_GET_RSP(0x8010), C_FIND_RQ(0x0020), C_FIND_RSP(0x8020),
	C_MOVE_RQ(0x0021), C_MOVE_RSP(0x8021), C_ECHO_RQ(0x0030), C_ECHO_RSP(0x8030), C_CANCEL_RQ(0x0FFF);

	private final int code;

	CommandField(int code) {
		this.code = code;
	}

	public int code() {
		return code;
	}

	public boolean isRequest() {
		return (code & 0x8000) == 0;
	}

	/**
	 * The command for a code, or {@code null} if not a DIMSE-C command this library
	 * implements.
	 */
	public static @Nullable CommandField of(int code) {
		for (CommandField f : values()) {
			if (f.code == code) {
				return f;
			}
		}
		return null;
	}

}
