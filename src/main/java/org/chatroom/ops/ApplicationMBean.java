package org.chatroom.ops;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.InvalidAttributeValueException;
import javax.management.MBeanException;
import javax.management.ReflectionException;
import javax.management.StandardMBean;

/**
 * An MXBean whose calls run with the application's class loader as the thread's context class
 * loader. JMX calls arrive on the connector's own threads (RMI, or the agent JConsole attaches),
 * which carry none; Payara's CDI finds the application of a bean through that loader and refuses a
 * call without one ("Thread's context class loader is null"), so every attribute read and operation
 * would fail there. Tomcat and WildFly do not mind either way.
 */
final class ApplicationMBean<T> extends StandardMBean {

  private final ClassLoader application;

  ApplicationMBean(T implementation, Class<T> mxbeanInterface, ClassLoader application) {
    super(implementation, mxbeanInterface, true);
    this.application = application;
  }

  @Override
  public Object getAttribute(String attribute)
      throws AttributeNotFoundException, MBeanException, ReflectionException {
    ClassLoader before = enter();
    try {
      return super.getAttribute(attribute);
    } finally {
      leave(before);
    }
  }

  @Override
  public AttributeList getAttributes(String[] attributes) {
    ClassLoader before = enter();
    try {
      return super.getAttributes(attributes);
    } finally {
      leave(before);
    }
  }

  @Override
  public void setAttribute(Attribute attribute)
      throws AttributeNotFoundException,
          InvalidAttributeValueException,
          MBeanException,
          ReflectionException {
    ClassLoader before = enter();
    try {
      super.setAttribute(attribute);
    } finally {
      leave(before);
    }
  }

  @Override
  public AttributeList setAttributes(AttributeList attributes) {
    ClassLoader before = enter();
    try {
      return super.setAttributes(attributes);
    } finally {
      leave(before);
    }
  }

  @Override
  public Object invoke(String operation, Object[] params, String[] signature)
      throws MBeanException, ReflectionException {
    ClassLoader before = enter();
    try {
      return super.invoke(operation, params, signature);
    } finally {
      leave(before);
    }
  }

  private ClassLoader enter() {
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(application);
    return before;
  }

  private static void leave(ClassLoader before) {
    Thread.currentThread().setContextClassLoader(before);
  }
}
