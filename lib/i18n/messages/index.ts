// The message catalog, one JSON file per feature namespace. Every string the UI shows lives here.
import audit from './es-CL/audit.json'
import common from './es-CL/common.json'
import dataTable from './es-CL/data-table.json'
import errors from './es-CL/errors.json'
import home from './es-CL/home.json'
import institutions from './es-CL/institutions.json'
import login from './es-CL/login.json'
import members from './es-CL/members.json'
import nav from './es-CL/nav.json'
import roles from './es-CL/roles.json'
import validation from './es-CL/validation.json'

export const messages = { audit, common, dataTable, errors, home, institutions, login, members, nav, roles, validation }

export type Messages = typeof messages
