/** {@code haven datasets}: the catalog's datasets and their schema versions. */
package org.haven.cli.catalog;
