package continuum.changes;

/** The kind of change a feed entry reports. */
public enum ChangeOperation {

	CREATE, UPDATE, DELETE, MERGE

}
