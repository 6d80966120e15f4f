package continuum.imaging.dicomweb;

/** The levels of the Study Root model that QIDO-RS searches (PS3.18 §10.6.1). */
enum QueryLevel {

	STUDY, SERIES, INSTANCE;

	boolean includes(QueryLevel other) {
		return other.ordinal() <= ordinal();
	}

}
