package org.faxserver.testkit;
