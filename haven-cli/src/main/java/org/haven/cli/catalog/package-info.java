/** {@code haven datasets} and {@code haven versions}: the catalog's datasets, their schema versions and published versions. */
package org.haven.cli.catalog;
