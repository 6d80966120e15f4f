package continuum.hl7;

/**
 * What the MLLP reader took off a connection (HL7 v2.5.1 Appendix C, MLLP release 1): the
 * bytes between a start block (VT, 0x0B) and an end block (FS CR, 0x1C 0x0D), or the part
 * of a frame that ended otherwise.
 */
record Frame(byte[] bytes, Kind kind) {

	enum Kind {

		/** A whole frame. */
		COMPLETE,
		/**
		 * A frame without end block: the connection closed or went idle in the middle, or
		 * a new start block came first.
		 */
		TRUNCATED,
		/**
		 * A frame longer than the maximum message size: its first bytes (up to the
		 * limit), the rest read and discarded up to its end block.
		 */
		OVERSIZE

	}

}
