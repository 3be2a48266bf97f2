/**
 * Who the caller is: signing in and out ({@code haven login}, {@code haven logout}), the caller's identity,
 * personal access tokens and capabilities, and local accounts ({@code haven users}).
 */
package org.haven.cli.account;
