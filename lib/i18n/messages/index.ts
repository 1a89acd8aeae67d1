// The message catalog, one JSON file per feature namespace. Every string the UI shows lives here.
import agreements from './es-CL/agreements.json'
import api from './es-CL/api.json'
import audit from './es-CL/audit.json'
import catalog from './es-CL/catalog.json'
import common from './es-CL/common.json'
import connections from './es-CL/connections.json'
import dataTable from './es-CL/data-table.json'
import errors from './es-CL/errors.json'
import home from './es-CL/home.json'
import institutions from './es-CL/institutions.json'
import login from './es-CL/login.json'
import members from './es-CL/members.json'
import nav from './es-CL/nav.json'
import nodes from './es-CL/nodes.json'
import notifications from './es-CL/notifications.json'
import readiness from './es-CL/readiness.json'
import review from './es-CL/review.json'
import roles from './es-CL/roles.json'
import trainings from './es-CL/trainings.json'
import traces from './es-CL/traces.json'
import validation from './es-CL/validation.json'

export const messages = {
  agreements,
  api,
  audit,
  catalog,
  common,
  connections,
  dataTable,
  errors,
  home,
  institutions,
  login,
  members,
  nav,
  nodes,
  notifications,
  readiness,
  review,
  roles,
  trainings,
  traces,
  validation,
}

export type Messages = typeof messages
