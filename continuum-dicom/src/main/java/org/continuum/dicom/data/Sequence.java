package org.continuum.dicom.data;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * The items of a sequence element (PS3.5 §7.5); each item is a nested data set that
 * inherits the character set.
 */
public final class Sequence extends AbstractList<Attributes> {

	private final Attributes parent;

	private final List<Attributes> items = new ArrayList<>();

	Sequence(Attributes parent) {
		this.parent = parent;
	}

	@Override
	public Attributes get(int index) {
		return items.get(index);
	}

	@Override
	public int size() {
		return items.size();
	}

	@Override
	public void add(int index, Attributes item) {
		item.setParent(parent);
		items.add(index, item);
	}

	@Override
	public Attributes set(int index, Attributes item) {
		item.setParent(parent);
		return items.set(index, item);
	}

	@Override
	public Attributes remove(int index) {
		return items.remove(index);
	}

	/** Appends and returns a new empty item. */
	public Attributes addItem() {
		Attributes item = new Attributes();
		add(item);
		return item;
	}

}
